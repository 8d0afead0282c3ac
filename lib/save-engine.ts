/**
 * One value saved in the background with optimistic versions: the workspace draft, one rubric
 * score, the overall feedback. No React and no DOM: the hooks feed it edits and page events and
 * render its state; the tests drive it with fake timers.
 *
 * - Edits are debounced; at most one save is in flight, and the latest value goes next.
 * - Each save carries the version it was based on. A stale one comes back as a conflict that keeps
 *   both values until someone chooses; nothing is overwritten meanwhile.
 * - A failed request (thrown or rejected: offline, server unreachable) retries with back-off,
 *   1 s doubling to 15 s. A refusal (closed, signed out, invalid) stops until the next edit, and so
 *   does a server error (one that carries a reference): retrying a bug only repeats it.
 */

import { referenceOf, unexpectedFailureMessage } from "./action-result";

export type SaveStatus = "saved" | "unsaved" | "saving" | "retrying" | "conflict" | "refused";

/** The newer value on the server, the version it has there, and whatever else the screen shows. */
export type Conflict<T> = { theirs: T; version: number };

/** What the server said to one save. Network failures are thrown (or rejected), not answered. */
export type SaveAnswer<C> = { kind: "saved"; version: number } | { kind: "conflict"; conflict: C } | { kind: "refused"; message: string };

export type SaveState<T, C> = {
  value: T;
  version: number;
  status: SaveStatus;
  conflict: C | null;
  /** The last refusal's reason, kept until a save lands. */
  message: string | null;
};

type Timers = {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

export type SaveEngineOptions<T, C extends Conflict<T>> = {
  value: T;
  version: number;
  /** Sends one value with the version it was based on. */
  send: (value: T, baseVersion: number) => Promise<SaveAnswer<C>>;
  /** Pause in editing before a save, in ms. */
  delay: number;
  equals?: (a: T, b: T) => boolean;
  timers?: Timers;
};

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 15_000;

/** Wait before the retry after `failures` failed attempts in a row (0 = the first failure). */
export const retryDelay = (failures: number) => Math.min(RETRY_FIRST_MS * 2 ** failures, RETRY_MAX_MS);

const sameJson = <T>(a: T, b: T) => a === b || JSON.stringify(a) === JSON.stringify(b);

// Read the globals at call time so fake timers installed after import still apply.
const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type SaveEngine<T, C extends Conflict<T>> = ReturnType<typeof createSaveEngine<T, C>>;

export function createSaveEngine<T, C extends Conflict<T> = Conflict<T>>(options: SaveEngineOptions<T, C>) {
  const equals = options.equals ?? sameJson;
  const timers = options.timers ?? globalTimers;

  let state: SaveState<T, C> = { value: options.value, version: options.version, status: "saved", conflict: null, message: null };
  /** The value the server holds at `state.version`. */
  let saved = options.value;
  let timer: unknown = null;
  let inFlight: Promise<void> | null = null;
  let failures = 0;
  /** Left (unmounted): a last save may still go out, but nothing is scheduled or retried. */
  let left = false;
  const listeners = new Set<() => void>();

  const set = (change: Partial<SaveState<T, C>>) => {
    state = { ...state, ...change };
    listeners.forEach((listener) => listener());
  };

  const cancelTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const schedule = (ms: number) => {
    cancelTimer();
    if (left) return;
    timer = timers.setTimeout(() => {
      timer = null;
      // While a save is in flight, its answer sends the latest value (see `land`).
      if (!inFlight) send();
    }, ms);
  };

  const stuck = () => state.status === "conflict" || state.status === "refused";

  /** Sends the current value now if it differs from the server's and nothing blocks it. */
  const send = () => {
    if (inFlight || stuck()) return;
    if (equals(state.value, saved)) {
      if (state.status !== "saved") set({ status: "saved" });
      return;
    }
    cancelTimer();
    const value = state.value;
    const baseVersion = state.version;
    set({ status: "saving" });
    inFlight = (async () => {
      let answer: SaveAnswer<C> | null = null;
      try {
        answer = await options.send(value, baseVersion);
      } catch (error) {
        answer = referenceOf(error) ? { kind: "refused", message: unexpectedFailureMessage(error) } : null;
      }
      inFlight = null;
      land(value, answer);
    })();
  };

  const land = (sent: T, answer: SaveAnswer<C> | null) => {
    if (!answer) {
      set({ status: "retrying" });
      schedule(retryDelay(failures));
      failures += 1;
      return;
    }
    failures = 0;
    if (answer.kind === "refused") {
      cancelTimer();
      set({ status: "refused", message: answer.message });
    } else if (answer.kind === "conflict") {
      cancelTimer();
      set({ status: "conflict", conflict: answer.conflict });
    } else {
      saved = sent;
      const changedMeanwhile = !equals(state.value, sent);
      set({ version: answer.version, status: changedMeanwhile ? "unsaved" : "saved", message: null });
      // Edits made during the save: a pending debounce sends them; if it already ran out, send now.
      if (changedMeanwhile && timer === null) send();
    }
  };

  /** A new local value; saved after `delay` (or `ms`). During a conflict it waits for the choice. */
  const change = (value: T, ms = options.delay) => {
    if (state.status === "conflict") {
      set({ value });
      return;
    }
    set({ value, status: "unsaved" });
    schedule(ms);
  };

  return {
    getState: () => state,

    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    /** The local value differs from the server's (whatever the status). */
    hasChanges: () => !equals(state.value, saved),

    change,

    /**
     * A copy kept on this device from an earlier visit. Based on the server's version it is simply
     * sent; based on an older one the server moved on meanwhile, so it is a conflict to resolve.
     */
    restore(value: T, baseVersion: number) {
      if (equals(value, saved)) return;
      if (baseVersion === state.version) change(value, 0);
      else {
        // As after a stale save, the state keeps the version this value was based on. Only the
        // workspace restores copies, and its conflict has no more than `theirs` and `version`.
        cancelTimer();
        set({ value, version: baseVersion, status: "conflict", conflict: { theirs: saved, version: state.version } as C });
      }
    },

    /** "mine" saves this value over theirs; "theirs" takes the server's value. */
    resolve(choice: "mine" | "theirs") {
      const conflict = state.conflict;
      if (!conflict) return;
      saved = conflict.theirs;
      if (choice === "theirs") set({ value: conflict.theirs, version: conflict.version, status: "saved", conflict: null });
      else {
        set({ version: conflict.version, status: "unsaved", conflict: null });
        send();
      }
    },

    /** The network is back: retry now, and from the shortest back-off again. */
    reconnected() {
      failures = 0;
      send();
    },

    /** Saves now (leaving, submitting) and reports whether the server has the latest value. */
    async flush(): Promise<boolean> {
      cancelTimer();
      while (inFlight) await inFlight;
      send();
      // send() sets inFlight, which TypeScript's narrowing (null after the loop above) cannot see.
      // eslint-disable-next-line @typescript-eslint/await-thenable
      while (inFlight) await inFlight;
      return state.status === "saved";
    },

    /** Drops the pending timer (unmount, when the value is kept elsewhere). An answer already on its way still lands. */
    stop: cancelTimer,

    /**
     * The screen is going away (in-app navigation): an edit still waiting for its pause is sent now,
     * once, instead of dropped. Nothing is scheduled or retried afterwards, until `start()`.
     */
    leave() {
      left = true;
      cancelTimer();
      send();
    },

    /** The screen is (back) on: edits are scheduled again (React runs effects twice in development). */
    start() {
      left = false;
    },
  };
}
