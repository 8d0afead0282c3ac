/**
 * The classroom timer's arithmetic, kept apart from the screen so it can be tested. Time left is
 * computed from the clock at each look, not counted down tick by tick, so a throttled background
 * tab or a slow projector laptop never drifts.
 */

export type TimerState = {
  /** The part's full length, in milliseconds. */
  duration: number;
  /** What was left when the timer last started or paused. */
  left: number;
  /** When it last started (ms since the epoch); null while paused or stopped. */
  since: number | null;
};

export const newTimer = (minutes: number): TimerState => ({ duration: minutes * 60_000, left: minutes * 60_000, since: null });

export const timeLeft = (state: TimerState, now: number): number =>
  state.since === null ? state.left : Math.max(0, state.left - (now - state.since));

export const isRunning = (state: TimerState, now: number): boolean => state.since !== null && timeLeft(state, now) > 0;

export const startTimer = (state: TimerState, now: number): TimerState =>
  state.since !== null || state.left <= 0 ? state : { ...state, since: now };

export const pauseTimer = (state: TimerState, now: number): TimerState =>
  state.since === null ? state : { ...state, left: timeLeft(state, now), since: null };

export const resetTimer = (state: TimerState): TimerState => ({ ...state, left: state.duration, since: null });

/** "29:59", counting whole seconds up (a timer reads 0:00 only when time is really up). */
export function formatClock(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The time left in words, for screen readers: "29 minutes 30 seconds left". */
export function spokenTimeLeft(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  if (seconds === 0) return "Time's up.";
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [
    minutes > 0 ? `${minutes} ${minutes === 1 ? "minute" : "minutes"}` : "",
    rest > 0 ? `${rest} ${rest === 1 ? "second" : "seconds"}` : "",
  ].filter(Boolean);
  return `${parts.join(" ")} left.`;
}

/**
 * What to announce as the timer moves from `before` to `after` ms left: each whole minute, then 30
 * and 10 seconds, then time up. Announcing every second would drown out everything else.
 */
export function milestoneBetween(before: number, after: number): string | null {
  const b = Math.ceil(before / 1000);
  const a = Math.ceil(after / 1000);
  if (a >= b) return null;
  if (a === 0) return "Time's up.";
  const marks = [30, 10];
  for (let s = b - 1; s >= a; s--) {
    if (s % 60 === 0 || marks.includes(s)) return spokenTimeLeft(a * 1000);
  }
  return null;
}
