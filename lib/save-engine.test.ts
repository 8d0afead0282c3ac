import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSaveEngine, retryDelay, type Conflict, type SaveAnswer } from "./save-engine";

type Call = {
  value: string;
  baseVersion: number;
  answer: (a: SaveAnswer<Conflict<string>>) => void;
  fail: () => void;
  crash: (digest: string) => void;
};

/** A server whose answers the test gives by hand, in any order and after any wait. */
function fakeServer() {
  const calls: Call[] = [];
  const send = vi.fn(
    (value: string, baseVersion: number) =>
      new Promise<SaveAnswer<Conflict<string>>>((resolve, reject) => {
        calls.push({
          value,
          baseVersion,
          answer: resolve,
          fail: () => reject(new TypeError("Failed to fetch")),
          // What a server action that threw looks like in the browser: an error with Next's digest.
          crash: (digest) => reject(Object.assign(new Error("An error occurred in the Server Components render."), { digest })),
        });
      }),
  );
  return { calls, send, last: () => calls.at(-1)! };
}

const saved = (version: number): SaveAnswer<Conflict<string>> => ({ kind: "saved", version });

function setup() {
  const server = fakeServer();
  const engine = createSaveEngine<string>({ value: "draft", version: 1, delay: 1000, send: server.send });
  return { server, engine };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("save engine", () => {
  it("debounces edits: one save of the latest value after the pause", async () => {
    const { server, engine } = setup();
    engine.change("d");
    await vi.advanceTimersByTimeAsync(600);
    engine.change("dr");
    await vi.advanceTimersByTimeAsync(999);
    expect(server.send).not.toHaveBeenCalled();
    expect(engine.getState().status).toBe("unsaved");
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls.map((c) => [c.value, c.baseVersion])).toEqual([["dr", 1]]);
    expect(engine.getState().status).toBe("saving");
    server.last().answer(saved(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.getState()).toMatchObject({ value: "dr", version: 2, status: "saved" });
    expect(engine.hasChanges()).toBe(false);
  });

  it("sends nothing when an edit is undone before the pause ends", async () => {
    const { server, engine } = setup();
    engine.change("draftx");
    engine.change("draft");
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.send).not.toHaveBeenCalled();
    expect(engine.getState().status).toBe("saved");
  });

  it("retries a failed save with back-off (1 s doubling to 15 s) until it lands, keeping the value", async () => {
    const { server, engine } = setup();
    engine.change("offline");
    await vi.advanceTimersByTimeAsync(1000);
    const waits = [1000, 2000, 4000, 8000, 15_000, 15_000];
    for (const wait of waits) {
      server.last().fail();
      await vi.advanceTimersByTimeAsync(0);
      expect(engine.getState().status).toBe("retrying");
      const before = server.calls.length;
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(server.calls.length).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(server.calls.length).toBe(before + 1);
      expect(server.last()).toMatchObject({ value: "offline", baseVersion: 1 });
    }
    server.last().answer(saved(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.getState()).toMatchObject({ value: "offline", version: 2, status: "saved" });

    // A later failure starts from the shortest wait again.
    engine.change("again");
    await vi.advanceTimersByTimeAsync(1000);
    server.last().fail();
    await vi.advanceTimersByTimeAsync(retryDelay(0));
    expect(server.calls.length).toBe(1 + waits.length + 2); // first try, the retries, "again" and its first retry
  });

  it("a server error (with a reference) stops instead of retrying a bug, says the reference, and the next edit tries again", async () => {
    const { server, engine } = setup();
    engine.change("crashes the server");
    await vi.advanceTimersByTimeAsync(1000);
    server.last().crash("470171884");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls.length).toBe(1);
    expect(engine.getState()).toMatchObject({ value: "crashes the server", status: "refused" });
    expect(engine.getState().message).toContain("reference 470171884");
    engine.change("fixed");
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.last()).toMatchObject({ value: "fixed", baseVersion: 1 });
  });

  it("retries at once, from the shortest back-off, when the network is back", async () => {
    const { server, engine } = setup();
    engine.change("bus");
    await vi.advanceTimersByTimeAsync(1000);
    server.last().fail();
    await vi.advanceTimersByTimeAsync(1000);
    server.last().fail();
    await vi.advanceTimersByTimeAsync(0);
    engine.reconnected();
    expect(server.calls.length).toBe(3);
    server.last().fail();
    await vi.advanceTimersByTimeAsync(retryDelay(0));
    expect(server.calls.length).toBe(4);
  });

  it("an edit while retrying waits for the usual pause instead of the back-off", async () => {
    const { server, engine } = setup();
    engine.change("a");
    await vi.advanceTimersByTimeAsync(1000);
    server.last().fail();
    await vi.advanceTimersByTimeAsync(0);
    engine.change("ab");
    expect(engine.getState().status).toBe("unsaved");
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls.map((c) => c.value)).toEqual(["a", "ab"]);
  });

  it("a stale version is a conflict: both values kept, nothing sent until the choice", async () => {
    const { server, engine } = setup();
    engine.change("mine");
    await vi.advanceTimersByTimeAsync(1000);
    server.last().answer({ kind: "conflict", conflict: { theirs: "theirs", version: 5 } });
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.getState()).toMatchObject({ value: "mine", version: 1, status: "conflict", conflict: { theirs: "theirs", version: 5 } });

    // Edits and flushes meanwhile change only this side.
    engine.change("mine, more");
    await vi.advanceTimersByTimeAsync(5000);
    expect(await engine.flush()).toBe(false);
    expect(server.calls.length).toBe(1);
    expect(engine.getState()).toMatchObject({ value: "mine, more", status: "conflict" });
  });

  it("keeping mine saves it over theirs, based on their version", async () => {
    const { server, engine } = setup();
    engine.change("mine");
    await vi.advanceTimersByTimeAsync(1000);
    server.last().answer({ kind: "conflict", conflict: { theirs: "theirs", version: 5 } });
    await vi.advanceTimersByTimeAsync(0);
    engine.resolve("mine");
    expect(server.last()).toMatchObject({ value: "mine", baseVersion: 5 });
    expect(engine.getState()).toMatchObject({ status: "saving", conflict: null });
    server.last().answer(saved(6));
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.getState()).toMatchObject({ value: "mine", version: 6, status: "saved" });
  });

  it("taking theirs replaces the value without a save", async () => {
    const { server, engine } = setup();
    engine.change("mine");
    await vi.advanceTimersByTimeAsync(1000);
    server.last().answer({ kind: "conflict", conflict: { theirs: "theirs", version: 5 } });
    await vi.advanceTimersByTimeAsync(0);
    engine.resolve("theirs");
    expect(engine.getState()).toMatchObject({ value: "theirs", version: 5, status: "saved", conflict: null });
    expect(engine.hasChanges()).toBe(false);
    engine.change("theirs, edited");
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.last()).toMatchObject({ value: "theirs, edited", baseVersion: 5 });
  });

  it("a refusal stops saving, keeps its reason until a save lands, and the next edit tries again", async () => {
    const { server, engine } = setup();
    engine.change("late");
    await vi.advanceTimersByTimeAsync(1000);
    server.last().answer({ kind: "refused", message: "This assignment is closed." });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(server.calls.length).toBe(1);
    expect(engine.getState()).toMatchObject({ status: "refused", message: "This assignment is closed." });
    expect(await engine.flush()).toBe(false);

    engine.change("later");
    expect(engine.getState()).toMatchObject({ status: "unsaved", message: "This assignment is closed." });
    await vi.advanceTimersByTimeAsync(1000);
    server.last().answer(saved(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.getState()).toMatchObject({ status: "saved", message: null });
  });

  it("flush on leave saves a pending edit at once and reports when it has landed", async () => {
    const { server, engine } = setup();
    engine.change("leaving");
    const flushed = engine.flush();
    expect(server.last()).toMatchObject({ value: "leaving", baseVersion: 1 });
    server.last().answer(saved(2));
    expect(await flushed).toBe(true);
    // The debounce was cancelled: no second save of the same value.
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.calls.length).toBe(1);
  });

  it("flush waits for the save in flight, then sends what changed meanwhile", async () => {
    const { server, engine } = setup();
    engine.change("one");
    await vi.advanceTimersByTimeAsync(1000);
    engine.change("two");
    let done: boolean | null = null;
    void engine.flush().then((ok) => (done = ok));
    expect(server.calls.length).toBe(1);
    server.last().answer(saved(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.last()).toMatchObject({ value: "two", baseVersion: 2 });
    expect(done).toBeNull();
    server.last().answer(saved(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(engine.getState()).toMatchObject({ value: "two", version: 3 });
  });

  it("flush reports false when the network is down, and the retry carries on", async () => {
    const { server, engine } = setup();
    engine.change("offline");
    const flushed = engine.flush();
    server.last().fail();
    expect(await flushed).toBe(false);
    expect(engine.getState().status).toBe("retrying");
    await vi.advanceTimersByTimeAsync(retryDelay(0));
    expect(server.calls.length).toBe(2);
  });

  it("coalesces edits during a save: one in flight, then only the latest value, on the new version", async () => {
    const { server, engine } = setup();
    engine.change("a");
    await vi.advanceTimersByTimeAsync(1000);
    for (const value of ["ab", "abc", "abcd"]) {
      engine.change(value);
      await vi.advanceTimersByTimeAsync(1000); // the pause ends while the first save is still out
    }
    expect(server.calls.length).toBe(1);
    expect(engine.getState().status).toBe("unsaved");
    server.last().answer(saved(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls.map((c) => [c.value, c.baseVersion])).toEqual([
      ["a", 1],
      ["abcd", 2],
    ]);
    server.last().answer(saved(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.getState()).toMatchObject({ value: "abcd", version: 3, status: "saved" });
  });

  it("an edit made while a save is out is sent when its own pause ends, not before", async () => {
    const { server, engine } = setup();
    engine.change("a");
    await vi.advanceTimersByTimeAsync(1000);
    engine.change("ab");
    await vi.advanceTimersByTimeAsync(300);
    server.last().answer(saved(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.getState()).toMatchObject({ value: "ab", version: 2, status: "unsaved" });
    await vi.advanceTimersByTimeAsync(699);
    expect(server.calls.length).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.last()).toMatchObject({ value: "ab", baseVersion: 2 });
  });

  it("a slow earlier save's answer does not overwrite a later edit's value, status or version", async () => {
    const { server, engine } = setup();
    engine.change("first");
    await vi.advanceTimersByTimeAsync(1000);
    engine.change("second");
    await vi.advanceTimersByTimeAsync(30_000); // the first answer is very late
    expect(server.calls.length).toBe(1);

    server.calls[0]!.answer(saved(2));
    await vi.advanceTimersByTimeAsync(0);
    // The late answer moved the version on, but the screen keeps the newer text, still unsaved.
    expect(engine.getState()).toMatchObject({ value: "second", version: 2 });
    expect(engine.getState().status).not.toBe("saved");
    expect(engine.hasChanges()).toBe(true);

    expect(server.calls[1]).toMatchObject({ value: "second", baseVersion: 2 });
    server.calls[1]!.answer(saved(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.getState()).toMatchObject({ value: "second", version: 3, status: "saved" });
  });

  it("restores a device copy: same base version is saved at once, an older one is a conflict", async () => {
    const same = setup();
    same.engine.restore("from this device", 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(same.server.last()).toMatchObject({ value: "from this device", baseVersion: 1 });

    const older = setup();
    older.engine.restore("from this device", 0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(older.server.send).not.toHaveBeenCalled();
    expect(older.engine.getState()).toMatchObject({
      value: "from this device",
      version: 0,
      status: "conflict",
      conflict: { theirs: "draft", version: 1 },
    });
    older.engine.resolve("mine");
    expect(older.server.last()).toMatchObject({ value: "from this device", baseVersion: 1 });

    const unchanged = setup();
    unchanged.engine.restore("draft", 0);
    expect(unchanged.engine.getState().status).toBe("saved");
  });

  it("uses injected timers when given", () => {
    const scheduled: number[] = [];
    const engine = createSaveEngine<string>({
      value: "",
      version: 0,
      delay: 700,
      send: () => new Promise(() => {}),
      timers: { setTimeout: (_run, ms) => scheduled.push(ms), clearTimeout: () => {} },
    });
    engine.change("x");
    engine.change("y", 0);
    expect(scheduled).toEqual([700, 0]);
  });

  it("leaving sends an edit still waiting for its pause at once, and retries nothing afterwards", async () => {
    const { server, engine } = setup();
    engine.change("typed just before the link");
    engine.leave();
    expect(server.calls.map((c) => c.value)).toEqual(["typed just before the link"]);
    server.last().fail();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.send).toHaveBeenCalledTimes(1);
    expect(engine.getState().status).toBe("retrying");
  });

  it("leaving with nothing waiting sends nothing; started again, edits are saved after the pause", async () => {
    const { server, engine } = setup();
    engine.leave();
    expect(server.send).not.toHaveBeenCalled();
    engine.start();
    engine.change("back again");
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls.map((c) => c.value)).toEqual(["back again"]);
    server.last().answer(saved(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.getState()).toMatchObject({ status: "saved", version: 2 });
  });

  it("stopping drops the waiting edit (the workspace keeps it on the device instead)", async () => {
    const { server, engine } = setup();
    engine.change("kept in localStorage");
    engine.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.send).not.toHaveBeenCalled();
    expect(engine.hasChanges()).toBe(true);
  });

  it("notifies subscribers with a new state object on each change", () => {
    const { engine } = setup();
    const listener = vi.fn();
    const unsubscribe = engine.subscribe(listener);
    const before = engine.getState();
    engine.change("x");
    expect(listener).toHaveBeenCalledTimes(1);
    expect(engine.getState()).not.toBe(before);
    unsubscribe();
    engine.change("y");
    expect(listener).toHaveBeenCalledTimes(1);
    engine.stop();
  });
});
