import { describe, expect, it } from "vitest";
import { imageQueueSettings, QueueFull, QueueLeft, WorkQueue } from "./image-queue";

/** A task that runs until the test ends it, recording when it started. */
function gate(name: string, started: string[]) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const task = () => {
    started.push(name);
    return done;
  };
  return { task, finish: () => finish(name), fail: (error: Error) => fail(error) };
}

/** Lets every pending promise callback run (no timers: the queue hands slots over in microtasks). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("WorkQueue", () => {
  it("runs at most `concurrency` tasks at once and the others in the order they came", async () => {
    const queue = new WorkQueue(2, 10);
    const started: string[] = [];
    const gates = ["a", "b", "c", "d", "e"].map((name) => gate(name, started));
    const results = gates.map((g) => queue.run(g.task));
    await settle();
    expect(started).toEqual(["a", "b"]);
    expect(queue.load).toEqual({ running: 2, waiting: 3 });

    gates[1]!.finish();
    await settle();
    expect(started).toEqual(["a", "b", "c"]);
    gates[0]!.finish();
    await settle();
    expect(started).toEqual(["a", "b", "c", "d"]);
    expect(queue.load).toEqual({ running: 2, waiting: 1 });

    for (const g of gates.slice(2)) g.finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d", "e"]);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it("gives the slot back when a task throws, rejects or fails synchronously, and passes the error on", async () => {
    const queue = new WorkQueue(1, 10);
    const started: string[] = [];
    const rejecting = gate("rejects", started);
    const first = queue.run(rejecting.task);
    const second = queue.run(() => {
      started.push("throws");
      throw new Error("sync failure");
    });
    const third = queue.run(async () => {
      started.push("async throw");
      throw new Error("async failure");
    });
    const last = gate("last", started);
    const fourth = queue.run(last.task);
    await settle();
    expect(started).toEqual(["rejects"]);

    rejecting.fail(new Error("rejected"));
    await expect(first).rejects.toThrow("rejected");
    await expect(second).rejects.toThrow("sync failure");
    await expect(third).rejects.toThrow("async failure");
    await settle();
    expect(started).toEqual(["rejects", "throws", "async throw", "last"]);
    last.finish();
    expect(await fourth).toBe("last");
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses a task when the line is full, without running it, and takes tasks again once there is room", async () => {
    const queue = new WorkQueue(1, 2);
    const started: string[] = [];
    const [running, waiting1, waiting2] = ["running", "waiting 1", "waiting 2"].map((name) => gate(name, started));
    const results = [running!, waiting1!, waiting2!].map((g) => queue.run(g.task));
    let refusedRan = false;
    await expect(
      queue.run(() => {
        refusedRan = true;
        return "never";
      }),
    ).rejects.toBeInstanceOf(QueueFull);
    expect(refusedRan).toBe(false);
    expect(queue.load).toEqual({ running: 1, waiting: 2 });

    running!.finish();
    await settle();
    const later = queue.run(() => "room again");
    waiting1!.finish();
    waiting2!.finish();
    expect(await Promise.all(results)).toEqual(["running", "waiting 1", "waiting 2"]);
    expect(await later).toBe("room again");
  });

  it("drops a waiting task whose caller goes away, and the others keep their order", async () => {
    const queue = new WorkQueue(1, 10);
    const started: string[] = [];
    const [first, leaving, after] = ["first", "leaving", "after"].map((name) => gate(name, started));
    const left = new AbortController();
    const results = [queue.run(first!.task), queue.run(leaving!.task, left.signal), queue.run(after!.task)];
    await settle();
    left.abort();
    await expect(results[1]).rejects.toBeInstanceOf(QueueLeft);
    expect(queue.load).toEqual({ running: 1, waiting: 1 });

    first!.finish();
    await settle();
    expect(started).toEqual(["first", "after"]);
    after!.finish();
    expect(await results[2]).toBe("after");
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses a caller that has already gone, and a running task is not stopped by its caller leaving", async () => {
    const queue = new WorkQueue(1, 10);
    await expect(queue.run(() => "never", AbortSignal.abort())).rejects.toBeInstanceOf(QueueLeft);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });

    const started: string[] = [];
    const running = gate("running", started);
    const caller = new AbortController();
    const result = queue.run(running.task, caller.signal);
    await settle();
    caller.abort();
    running.finish();
    expect(await result).toBe("running");
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it("needs at least one slot", () => {
    expect(() => new WorkQueue(0, 10)).toThrow(/at least 1/);
  });
});

describe("imageQueueSettings", () => {
  it("reads IMAGE_CONCURRENCY and IMAGE_QUEUE_MAX, with defaults for unset or blank", () => {
    expect(imageQueueSettings({ IMAGE_CONCURRENCY: "2", IMAGE_QUEUE_MAX: "50" })).toEqual({ concurrency: 2, maxWaiting: 50 });
    const defaults = imageQueueSettings({ IMAGE_CONCURRENCY: " ", IMAGE_QUEUE_MAX: undefined });
    expect(defaults.concurrency).toBeGreaterThanOrEqual(1);
    expect(defaults.concurrency).toBeLessThanOrEqual(4);
    expect(defaults.maxWaiting).toBe(1000);
  });

  it("names a bad value", () => {
    expect(() => imageQueueSettings({ IMAGE_CONCURRENCY: "0" })).toThrow(/IMAGE_CONCURRENCY/);
    expect(() => imageQueueSettings({ IMAGE_CONCURRENCY: "two" })).toThrow(/IMAGE_CONCURRENCY/);
    expect(() => imageQueueSettings({ IMAGE_QUEUE_MAX: "-1" })).toThrow(/IMAGE_QUEUE_MAX/);
  });
});
