import { describe, expect, it } from "vitest";
import { UNKNOWN_ADDRESS } from "./client-address";
import {
  accountKey,
  addressBucket,
  afterFailures,
  isLocked,
  isSpent,
  THROTTLE,
  throttleKeys,
  type ThrottleState,
} from "./sign-in-throttle";

describe("throttle keys", () => {
  it("count IPv4 per address and IPv6 per /64, however the address is written", () => {
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    const same = ["2001:db8:1:2::1", "2001:0db8:0001:0002:ffff:0:0:1", "2001:DB8:1:2:aaaa:bbbb:cccc:dddd"].map(addressBucket);
    expect(new Set(same)).toEqual(new Set(["2001:db8:1:2::/64"]));
    expect(addressBucket("2001:db8:1:3::1")).not.toBe(addressBucket("2001:db8:1:2::1"));
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(accountKey("a@b.org", "2001:db8:1:2::9")).toBe(accountKey("a@b.org", "2001:db8:1:2::1"));
  });

  it("a known device has a count of its own; otherwise account here, account anywhere, and the address", () => {
    expect(throttleKeys("a@b.org", "203.0.113.7", "dev1").map((k) => k.key)).toEqual(["device:dev1"]);
    expect(throttleKeys("a@b.org", "203.0.113.7").map((k) => k.key)).toEqual([
      "account:203.0.113.7 a@b.org",
      "anywhere:a@b.org",
      "address:203.0.113.7",
    ]);
    expect(throttleKeys("a@b.org", UNKNOWN_ADDRESS).map((k) => k.key)).toEqual(["account:unknown a@b.org", "anywhere:a@b.org"]);
  });
});

describe("a spent count", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const states: Record<string, ThrottleState> = {
    "counting, window open": { failures: 9, windowStartedAt: ago(14), lockedUntil: null },
    "window just ended": { failures: 9, windowStartedAt: ago(15), lockedUntil: null },
    locking: { failures: 0, windowStartedAt: ago(10), lockedUntil: ago(-5) },
    "lock ended": { failures: 0, windowStartedAt: ago(15), lockedUntil: ago(0) },
    "window ended, still locking": { failures: 0, windowStartedAt: ago(20), lockedUntil: ago(-1) },
  };

  it("is one whose window has ended and which locks nothing", () => {
    const spent = Object.entries(states)
      .filter(([, state]) => isSpent(state, now))
      .map(([name]) => name);
    expect(spent).toEqual(["window just ended", "lock ended"]);
  });

  it("weighs nothing: forgetting it changes neither the lock nor the next failure's count", () => {
    for (const [name, state] of Object.entries(states)) {
      if (!isSpent(state, now)) continue;
      expect(isLocked(state, now), name).toBe(false);
      for (const limit of [1, 2, THROTTLE.perAccount])
        expect(afterFailures(state, limit, now), name).toEqual(afterFailures(undefined, limit, now));
    }
    // One that is not spent does weigh: it locks, or the next failure adds to it.
    const counting = states["counting, window open"]!;
    expect(afterFailures(counting, THROTTLE.perAccount, now)).not.toEqual(afterFailures(undefined, THROTTLE.perAccount, now));
    expect(isLocked(states.locking, now)).toBe(true);
  });
});
