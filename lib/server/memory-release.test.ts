import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { liveMemory, MemoryAfterBursts, releaseFreedMemory } from "./memory-release";

const MB = 1024 * 1024;

describe("MemoryAfterBursts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A MemoryAfterBursts with a 10 MB burst and 2 s of quiet, and `answered`: one whole request of `bytes`, begun and answered. */
  const setUp = () => {
    const release = vi.fn();
    const bursts = new MemoryAfterBursts({ minBytes: 10 * MB, quietMs: 2_000, release });
    const answered = (bytes: number) => {
      const request = bursts.begin();
      request.received(bytes);
      request.end();
    };
    return { release, bursts, answered };
  };

  it("releases once, after the last request of a burst has been quiet for quietMs", () => {
    const { release, bursts, answered } = setUp();
    const last = bursts.begin();
    last.received(2 * MB);
    for (let i = 0; i < 4; i++) answered(2 * MB);
    vi.advanceTimersByTime(10_000);
    expect(release).not.toHaveBeenCalled(); // one is still being answered
    last.end();
    vi.advanceTimersByTime(1_999);
    expect(release).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(release).toHaveBeenCalledTimes(1);
    expect(release).toHaveBeenCalledWith(10 * MB);
    vi.advanceTimersByTime(60_000);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it("does nothing after less than minBytes of bodies, and counts them toward the next burst", () => {
    const { release, answered } = setUp();
    answered(6 * MB);
    vi.advanceTimersByTime(10_000);
    expect(release).not.toHaveBeenCalled();
    answered(4 * MB);
    vi.advanceTimersByTime(2_000);
    expect(release).toHaveBeenCalledTimes(1);
    expect(release).toHaveBeenCalledWith(10 * MB);
  });

  it("puts the release off while a request that began during the quiet period is answered", () => {
    const { release, bursts, answered } = setUp();
    answered(12 * MB);
    vi.advanceTimersByTime(1_500);
    const late = bursts.begin();
    vi.advanceTimersByTime(5_000);
    expect(release).not.toHaveBeenCalled();
    late.end();
    vi.advanceTimersByTime(2_000);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it("counts a request's end once, however often it is called", () => {
    const { release, bursts } = setUp();
    const a = bursts.begin();
    const b = bursts.begin();
    a.received(12 * MB);
    a.end();
    a.end(); // "close" and an error path may both end it
    vi.advanceTimersByTime(5_000);
    expect(release).not.toHaveBeenCalled(); // b is still in flight
    b.end();
    vi.advanceTimersByTime(2_000);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it("needs a new burst's worth of bodies after each release", () => {
    const { release, answered } = setUp();
    answered(10 * MB);
    vi.advanceTimersByTime(2_000);
    expect(release).toHaveBeenCalledTimes(1);
    answered(1 * MB);
    vi.advanceTimersByTime(10_000);
    expect(release).toHaveBeenCalledTimes(1);
  });
});

/**
 * The real thing, in a process of its own: 160 MB of 4 KB blocks, of which every 32nd stays in use,
 * leaves glibc's heap full of holes. A garbage collection alone gives back next to nothing (the
 * control); releaseFreedMemory() gives back nearly all of it.
 */
type Mode = "collect only" | "release" | "seen in use";

describe.runIf(process.platform === "linux")("releaseFreedMemory", () => {
  const script = (mode: Mode) => `
    import fs from "node:fs";
    import { releaseFreedMemory } from ${JSON.stringify(path.resolve(__dirname, "memory-release.ts"))};
    const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
    let release = null;
    if (${JSON.stringify(mode)} === "seen in use") {
      // Ten 20 MB buffers that a collection sees in use, then let go.
      let big = Array.from({ length: 10 }, () => Buffer.alloc(20 * 1024 * 1024, 1));
      await releaseFreedMemory();
      const full = rss();
      big = null;
      release = await releaseFreedMemory();
      console.log(JSON.stringify({ full, after: rss(), kept: 0, release }));
      process.exit(0);
    }
    let blocks = [];
    for (let i = 0; i < 40000; i++) blocks.push(Buffer.alloc(4000, 1));
    const kept = blocks.filter((_, i) => i % 32 === 31);
    blocks = null;
    const full = rss();
    if (${JSON.stringify(mode)} === "release") release = await releaseFreedMemory();
    else globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(JSON.stringify({ full, after: rss(), kept: kept.length, release }));
  `;
  const run = (mode: Mode) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "memory-release-"));
    try {
      const file = path.join(dir, "fragment.mjs");
      fs.writeFileSync(file, script(mode));
      // MALLOC_* cleared: glibc's defaults, whatever the test runner was started with.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("MALLOC_"))) as NodeJS.ProcessEnv;
      // Without --expose-gc for the release, as `npm start` runs the server: it exposes the collector itself.
      const flags = mode === "collect only" ? ["--expose-gc"] : [];
      const child = spawnSync(process.execPath, [...flags, "--import", "tsx", file], {
        cwd: path.resolve(__dirname, "../.."),
        env,
        encoding: "utf8",
      });
      expect(child.status, child.stderr).toBe(0);
      return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
        full: number;
        after: number;
        kept: number;
        release: { collected: boolean; trimmed: boolean } | null;
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it("a collection alone leaves a fragmented heap as large as it was", () => {
    const outcome = run("collect only");
    expect(outcome.kept).toBe(1250);
    expect(outcome.after).toBeGreaterThan(outcome.full - 40 * MB);
  });

  it("collects and trims in the test runner's process too (it exposes the collector itself)", async () => {
    expect(await releaseFreedMemory()).toEqual({ collected: true, trimmed: true });
  });

  it("gives back buffers let go after a collection had seen them in use", () => {
    const outcome = run("seen in use");
    expect(outcome.release).toEqual({ collected: true, trimmed: true });
    expect(outcome.after).toBeLessThan(outcome.full - 150 * MB);
  });

  it("gives the holes back to the machine", () => {
    const outcome = run("release");
    expect(outcome.kept).toBe(1250);
    expect(outcome.release).toEqual({ collected: true, trimmed: true });
    expect(outcome.after).toBeLessThan(outcome.full - 100 * MB);
  });
});

describe("liveMemory", () => {
  it("counts what is still reachable after a full collection, and not garbage", () => {
    const before = liveMemory();
    const held = { buffer: Buffer.alloc(20 * MB, 1) as Buffer | null };
    const holding = liveMemory();
    held.buffer = null; // now garbage
    const after = liveMemory();
    expect(holding.collected).toBe(true);
    expect(holding.external - before.external).toBeGreaterThan(19 * MB);
    expect(after.external - before.external).toBeLessThan(2 * MB);
  });
});
