/**
 * Giving memory back to the machine after a burst of request bodies (scripts/server.mjs; issue 11,
 * ADR 004). While 200 photos arrive at once, the body chunks and the copies made of them fill
 * glibc's main heap with small blocks between longer-lived ones; once they are freed the heap is
 * full of holes that glibc keeps, and the server stays ~90 MB larger than it was. Full garbage
 * collections free what JavaScript still holds of those bodies, and `malloc_trim(0)` hands every
 * free page in the heap back to the kernel, holes included. Both run once, when the burst is over:
 * the collections cost a few tens of milliseconds of one thread, at a moment with nothing to do.
 */
import v8 from "node:v8";
import vm from "node:vm";

/** What releaseFreedMemory() could do here. */
type Release = { collected: boolean; trimmed: boolean };

let collector: (() => void) | null | undefined;
let mallocTrim: Promise<((pad: number) => number) | null> | undefined;

/** V8's full collection: `gc` when the process was started with --expose-gc, else exposed here (once). */
function fullCollection(): (() => void) | null {
  if (collector !== undefined) return collector;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return (collector = exposed);
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc: unknown = vm.runInNewContext("gc");
    collector = typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    collector = null;
  }
  return collector;
}

/**
 * glibc's malloc_trim, through the koffi FFI (loaded on first use). Null where there is no glibc
 * (macOS, Windows, musl-based images such as Alpine): their allocators give memory back themselves,
 * or this cannot help.
 */
function glibcTrim(): Promise<((pad: number) => number) | null> {
  mallocTrim ??= (async () => {
    const report =
      process.platform === "linux" ? (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } }) : undefined;
    if (!report?.header?.glibcVersionRuntime) return null;
    try {
      const { default: koffi } = await import("koffi");
      return koffi.load("libc.so.6").func("int malloc_trim(size_t pad)") as (pad: number) => number;
    } catch (error) {
      console.warn(`Memory freed after a burst of uploads stays with the server: ${(error as Error).message}`);
      return null;
    }
  })();
  return mallocTrim;
}

/**
 * Two full collections; false where there is no collector. Two, because the memory of a buffer
 * found dead in one collection goes back only during the next: after one, ten 20 MB Buffers let go
 * still held 200 MB of RSS, after two they did not.
 */
function collectEverything(): boolean {
  const gc = fullCollection();
  gc?.();
  gc?.();
  return gc !== null;
}

/** Full collections, then every free page of the C heap back to the kernel; what this platform allows of the two. */
export async function releaseFreedMemory(): Promise<Release> {
  const collected = collectEverything();
  const trim = await glibcTrim();
  trim?.(0);
  return { collected, trimmed: trim !== null };
}

/** How MemoryAfterBursts decides: at least `minBytes` of bodies, then nothing with a body in flight for `quietMs`. */
export type BurstOptions = { minBytes: number; quietMs: number; release: (bodyBytes: number) => void };

/** Under RECAP_DIAGNOSTICS_DIR (the e2e tests), the server writes a line here (JSON) for each release. */
export const MEMORY_RELEASES_LOG = "memory-releases.log";

/**
 * Under RECAP_DIAGNOSTICS_DIR, the server answers SIGUSR2 with a line here (JSON, LiveMemory): what it
 * holds after a full collection, so a test can tell memory kept from garbage not yet collected.
 */
export const MEMORY_REPORTS_LOG = "memory-reports.log";

/** Bytes still reachable after a full collection (V8's heap, and the buffers outside it), and the RSS then. */
export type LiveMemory = { collected: boolean; heapUsed: number; external: number; rss: number };

/** Full collections, then what is left (for the e2e tests: see MEMORY_REPORTS_LOG). */
export function liveMemory(): LiveMemory {
  const collected = collectEverything();
  const { heapUsed, external, rss } = process.memoryUsage();
  return { collected, heapUsed, external, rss };
}

/** The server's settings: a class of ~16 phone photos or more, then 2 s of quiet. */
export const AFTER_BURSTS: Omit<BurstOptions, "release"> = { minBytes: 32 * 1024 * 1024, quietMs: 2_000 };

/**
 * Calls `release` (with the bytes of bodies since the last release) once after each burst: when at
 * least `minBytes` of request bodies have arrived since the last release and no request with a body
 * has been in flight for `quietMs`. A request that starts while the quiet period runs puts it off
 * until that request too has been answered.
 */
export class MemoryAfterBursts {
  private inFlight = 0;
  private bytes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: BurstOptions) {}

  /** A request with a body began: count what arrives with `received`, and call `end` (any number of times) once it is answered. */
  begin(): { received: (bytes: number) => void; end: () => void } {
    this.inFlight++;
    this.cancel();
    let ended = false;
    return {
      received: (bytes) => {
        this.bytes += bytes;
      },
      end: () => {
        if (ended) return;
        ended = true;
        this.inFlight--;
        if (this.inFlight === 0 && this.bytes >= this.options.minBytes) this.schedule();
      },
    };
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const bytes = this.bytes;
      this.bytes = 0;
      this.options.release(bytes);
    }, this.options.quietMs);
    this.timer.unref?.();
  }

  private cancel(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
