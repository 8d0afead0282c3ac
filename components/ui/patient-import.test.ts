import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { patient } from "./patient-import";

/** A browser's window and navigator, just enough: whether it is online, and its "online" event. */
function fakeBrowser() {
  const onlineListeners = new Set<() => void>();
  const state = { onLine: true };
  vi.stubGlobal("navigator", state);
  vi.stubGlobal("window", {
    addEventListener: (type: string, listener: () => void) => type === "online" && onlineListeners.add(listener),
    removeEventListener: (type: string, listener: () => void) => type === "online" && onlineListeners.delete(listener),
  });
  return {
    goOffline: () => (state.onLine = false),
    comeBack: () => {
      state.onLine = true;
      for (const listener of [...onlineListeners]) listener();
    },
    listeners: () => onlineListeners.size,
  };
}

/** A fetch of a chunk that fails `failures` times, then gives the module. */
function flakyChunk(failures: number) {
  let calls = 0;
  const load = vi.fn(async () => {
    calls++;
    if (calls <= failures) throw new Error(`ChunkLoadError ${calls}`);
    return { Step: "the module" };
  });
  return load;
}

describe("patient imports", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("gives the module at once when the fetch works, and fetches it once for every caller", async () => {
    fakeBrowser();
    const load = flakyChunk(0);
    const get = patient(load);
    await expect(Promise.all([get(), get()])).resolves.toEqual([{ Step: "the module" }, { Step: "the module" }]);
    await get();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("offline, waits for the network however long, and fetches again the moment it is back", async () => {
    const browser = fakeBrowser();
    browser.goOffline();
    const load = flakyChunk(10);
    const result = patient(load)();
    let settled = false;
    void result.then(() => (settled = true));
    // Ten failures offline, 1, 2, 4 … 30 s apart (the tenth at 151 s): still waiting, never an error.
    await vi.advanceTimersByTimeAsync(170_000);
    expect(load).toHaveBeenCalledTimes(10);
    expect(settled).toBe(false);
    browser.comeBack();
    await expect(result).resolves.toEqual({ Step: "the module" });
    expect(load).toHaveBeenCalledTimes(11);
    expect(browser.listeners()).toBe(0);
  });

  it("online, tries again after 1, 2 and 4 s and gives the module when a try works", async () => {
    fakeBrowser();
    const load = flakyChunk(3);
    const result = patient(load)();
    await vi.advanceTimersByTimeAsync(999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(load).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(4_000);
    await expect(result).resolves.toEqual({ Step: "the module" });
  });

  it("online, gives up after four failures with the fetch's own error, and a later call starts afresh", async () => {
    fakeBrowser();
    const load = flakyChunk(4);
    const get = patient(load);
    const first = get();
    const failed = expect(first).rejects.toThrow("ChunkLoadError 4");
    await vi.advanceTimersByTimeAsync(10_000);
    await failed;
    expect(load).toHaveBeenCalledTimes(4);
    // A gone chunk is not remembered: asking again fetches again (here the fifth try works).
    await expect(get()).resolves.toEqual({ Step: "the module" });
    expect(load).toHaveBeenCalledTimes(5);
  });
});
