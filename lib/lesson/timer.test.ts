import { describe, expect, it } from "vitest";
import { formatClock, isRunning, milestoneBetween, newTimer, pauseTimer, resetTimer, spokenTimeLeft, startTimer, timeLeft } from "./timer";

describe("the classroom timer", () => {
  it("counts down from the clock while running, holds while paused, and resets", () => {
    let t = newTimer(30);
    expect(timeLeft(t, 1_000)).toBe(1_800_000);
    t = startTimer(t, 1_000);
    expect(timeLeft(t, 61_000)).toBe(1_740_000);
    expect(isRunning(t, 61_000)).toBe(true);
    t = pauseTimer(t, 61_000);
    expect(timeLeft(t, 999_999)).toBe(1_740_000);
    expect(isRunning(t, 999_999)).toBe(false);
    t = startTimer(t, 100_000);
    expect(timeLeft(t, 110_000)).toBe(1_730_000);
    t = resetTimer(t);
    expect(t).toEqual(newTimer(30));
  });

  it("stops at zero and won't start again until reset", () => {
    const t = startTimer(newTimer(1), 0);
    expect(timeLeft(t, 120_000)).toBe(0);
    expect(isRunning(t, 120_000)).toBe(false);
    const done = pauseTimer(t, 120_000);
    expect(startTimer(done, 130_000)).toBe(done);
    expect(startTimer(resetTimer(done), 130_000).since).toBe(130_000);
  });

  it("shows minutes and seconds, rounding up", () => {
    expect(formatClock(1_800_000)).toBe("30:00");
    expect(formatClock(1_799_001)).toBe("30:00");
    expect(formatClock(1_799_000)).toBe("29:59");
    expect(formatClock(5_000)).toBe("0:05");
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(-5)).toBe("0:00");
  });

  it("says the time left in words", () => {
    expect(spokenTimeLeft(1_800_000)).toBe("30 minutes left.");
    expect(spokenTimeLeft(61_000)).toBe("1 minute 1 second left.");
    expect(spokenTimeLeft(30_000)).toBe("30 seconds left.");
    expect(spokenTimeLeft(0)).toBe("Time's up.");
  });

  it("announces whole minutes, 30 and 10 seconds and the end, and nothing in between", () => {
    expect(milestoneBetween(1_800_000, 1_799_750)).toBeNull();
    expect(milestoneBetween(1_740_250, 1_740_000)).toBe("29 minutes left.");
    expect(milestoneBetween(45_000, 44_000)).toBeNull();
    expect(milestoneBetween(30_250, 30_000)).toBe("30 seconds left.");
    expect(milestoneBetween(10_100, 9_900)).toBe("10 seconds left.");
    expect(milestoneBetween(400, 0)).toBe("Time's up.");
    // A throttled tab that jumps past a minute still hears it once.
    expect(milestoneBetween(125_000, 100_000)).toBe("1 minute 40 seconds left.");
    expect(milestoneBetween(5_000, 5_000)).toBeNull();
  });
});
