import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryAfterBursts, releaseFreedMemory } from "./memory-release";

const MB = 1024 * 1024;

describe("MemoryAfterBursts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const burst = (options: { minBytes?: number; quietMs?: number } = {}) => {
    const release = vi.fn();
    return {
      release,
      bursts: new MemoryAfterBursts({ minBytes: options.minBytes ?? 10 * MB, quietMs: options.quietMs ?? 2_000, release }),
    };
  };

  it("releases once, after the last request of a burst has been quiet for quietMs", () => {
    const { release, bursts } = burst();
    const others = Array.from({ length: 4 }, () => bursts.begin());
    const last = bursts.begin();
    for (const request of [...others, last]) request.received(2 * MB);
    for (const request of others) request.end();
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
    const { release, bursts } = burst();
    const small = bursts.begin();
    small.received(6 * MB);
    small.end();
    vi.advanceTimersByTime(10_000);
    expect(release).not.toHaveBeenCalled();
    const more = bursts.begin();
    more.received(4 * MB);
    more.end();
    vi.advanceTimersByTime(2_000);
    expect(release).toHaveBeenCalledTimes(1);
    expect(release).toHaveBeenCalledWith(10 * MB);
  });

  it("puts the release off while a request that began during the quiet period is answered", () => {
    const { release, bursts } = burst();
    const first = bursts.begin();
    first.received(12 * MB);
    first.end();
    vi.advanceTimersByTime(1_500);
    const late = bursts.begin();
    vi.advanceTimersByTime(5_000);
    expect(release).not.toHaveBeenCalled();
    late.end();
    vi.advanceTimersByTime(2_000);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it("counts a request's end once, however often it is called", () => {
    const { release, bursts } = burst();
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
    const { release, bursts } = burst();
    const first = bursts.begin();
    first.received(10 * MB);
    first.end();
    vi.advanceTimersByTime(2_000);
    const next = bursts.begin();
    next.received(1 * MB);
    next.end();
    vi.advanceTimersByTime(10_000);
    expect(release).toHaveBeenCalledTimes(1);
  });
});

/**
 * The real thing, in a process of its own: 160 MB of 4 KB blocks, of which every 32nd stays in use,
 * leaves glibc's heap full of holes. A garbage collection alone gives back next to nothing (the
 * control); releaseFreedMemory() gives back nearly all of it.
 */
describe.runIf(process.platform === "linux")("releaseFreedMemory", () => {
  const script = (mode: "collect only" | "release") => `
    import fs from "node:fs";
    import { releaseFreedMemory } from ${JSON.stringify(path.resolve(__dirname, "memory-release.ts"))};
    const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
    let blocks = [];
    for (let i = 0; i < 40000; i++) blocks.push(Buffer.alloc(4000, 1));
    const kept = blocks.filter((_, i) => i % 32 === 31);
    blocks = null;
    const full = rss();
    let release = null;
    if (${JSON.stringify(mode)} === "release") release = await releaseFreedMemory();
    else globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(JSON.stringify({ full, after: rss(), kept: kept.length, release }));
  `;
  const run = (mode: "collect only" | "release") => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "memory-release-"));
    try {
      const file = path.join(dir, "fragment.mjs");
      fs.writeFileSync(file, script(mode));
      // MALLOC_* cleared: glibc's defaults, whatever the test runner was started with.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("MALLOC_"))) as NodeJS.ProcessEnv;
      // Without --expose-gc for the release, as `npm start` runs the server: it exposes the collector itself.
      const flags = mode === "release" ? [] : ["--expose-gc"];
      const child = spawnSync(process.execPath, [...flags, "--import", "tsx", file], {
        cwd: path.resolve(__dirname, ".."),
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

  it("gives the holes back to the machine", () => {
    const outcome = run("release");
    expect(outcome.kept).toBe(1250);
    expect(outcome.release).toEqual({ collected: true, trimmed: true });
    expect(outcome.after).toBeLessThan(outcome.full - 100 * MB);
  });
});
