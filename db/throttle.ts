import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { signInThrottle } from "@/db/schema";
import { afterFailures, isLocked, type ThrottleKey } from "@/lib/sign-in-throttle";

/**
 * The counts behind lib/sign-in-throttle.ts (sign-in, sign-up, roster previews), read and written
 * inside the caller's write transaction, so that requests running at once can't all pass one limit.
 */

/** The latest end of a lock on any of these keys, or null when none is locked. */
export async function lockedUntil(tx: Tx, keys: readonly ThrottleKey[], now: Date): Promise<Date | null> {
  if (keys.length === 0) return null;
  const counts = await tx
    .select()
    .from(signInThrottle)
    .where(
      inArray(
        signInThrottle.key,
        keys.map((k) => k.key),
      ),
    );
  const locked = counts.filter((c) => isLocked(c, now)).map((c) => c.lockedUntil!.getTime());
  return locked.length ? new Date(Math.max(...locked)) : null;
}

/** Counts `count` failures against a key; returns the lock's end when they reach its limit. */
export async function countFailures(tx: Tx, { key, limit }: ThrottleKey, now: Date, count = 1): Promise<Date | null> {
  const row = (await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)))[0];
  const next = afterFailures(row, limit, now, count);
  await tx
    .insert(signInThrottle)
    .values({ key, ...next })
    .onConflictDoUpdate({ target: signInThrottle.key, set: next });
  return next.lockedUntil;
}

/**
 * Counts `count` failures against each key, unless that would bring any of them to its limit: then
 * those alone are locked, and nothing is counted against the others (a refused request charges no
 * other count). Returns the first key reached, or null when all were counted.
 */
export async function countUnlessReached(
  tx: Tx,
  counts: readonly { key: ThrottleKey; count: number }[],
  now: Date,
): Promise<ThrottleKey | null> {
  if (counts.length === 0) return null;
  const rows = await tx
    .select()
    .from(signInThrottle)
    .where(
      inArray(
        signInThrottle.key,
        counts.map((c) => c.key.key),
      ),
    );
  const next = counts.map((c) => ({
    ...c,
    state: afterFailures(
      rows.find((r) => r.key === c.key.key),
      c.key.limit,
      now,
      c.count,
    ),
  }));
  const reached = next.filter((n) => n.state.lockedUntil !== null);
  for (const { key, state } of reached.length ? reached : next)
    await tx
      .insert(signInThrottle)
      .values({ key: key.key, ...state })
      .onConflictDoUpdate({ target: signInThrottle.key, set: state });
  return reached[0]?.key ?? null;
}
