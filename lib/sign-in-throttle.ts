import { UNKNOWN_ADDRESS } from "./client-address";

/**
 * The sign-in throttle's rules, kept pure so the query layer and the e2e specs share them.
 *
 * Failures count per (account email, client address): someone guessing from one place cannot
 * lock the owner out everywhere else. A second, looser count per address across all accounts stops
 * one place from spraying many accounts. It is loose because a whole class signs in from one school
 * address, often mistyping one-time passwords in the same few minutes.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perAccount: 10,
  perAddress: 100,
} as const;

export type ThrottleState = { failures: number; windowStartedAt: Date; lockedUntil: Date | null };

/** Addresses hold only hex digits, dots and colons (or are "unknown"), so the space cannot be forged. */
export const accountKey = (email: string, address: string) => `account:${address} ${email}`;

/**
 * The counts one attempt touches. Without a trusted address every caller shares "unknown"; a
 * per-address ceiling would then be one switch that locks the whole app, so only the account count applies.
 */
export function throttleKeys(email: string, address: string): { key: string; limit: number }[] {
  const keys: { key: string; limit: number }[] = [{ key: accountKey(email, address), limit: THROTTLE.perAccount }];
  if (address !== UNKNOWN_ADDRESS) keys.push({ key: `address:${address}`, limit: THROTTLE.perAddress });
  return keys;
}

export const isLocked = (state: ThrottleState | undefined, now: Date): boolean => Boolean(state?.lockedUntil && state.lockedUntil > now);

/** The count after one more failure: reaching the limit locks, and the next window starts after the lock. */
export function afterFailure(state: ThrottleState | undefined, limit: number, now: Date): ThrottleState {
  const windowOpen = state && now.getTime() - state.windowStartedAt.getTime() < THROTTLE.windowMs;
  const failures = windowOpen ? state.failures + 1 : 1;
  if (failures >= limit) return { failures: 0, windowStartedAt: now, lockedUntil: new Date(now.getTime() + THROTTLE.lockMs) };
  return { failures, windowStartedAt: windowOpen ? state.windowStartedAt : now, lockedUntil: null };
}
