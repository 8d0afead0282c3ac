import "server-only";
import { and, count, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { erasureRefusal } from "@/db/personal-data";
import {
  assignments,
  attempts,
  discussionStars,
  endedSessions,
  excusals,
  extensions,
  gradeEvents,
  pendingFileDeletions,
  scores,
  sections,
  signInEvents,
  signInThrottle,
  submissionImages,
  submissions,
  users,
} from "@/db/schema";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { SIGN_IN_RECORD_DAYS } from "@/lib/privacy/registry";
import { spentWindowsBefore } from "@/lib/sign-in-throttle";
import { queueFileDeletions } from "./file-deletions";
import type { Db } from "./ownership";
import { eraseAccount, purgeErasureWait } from "./privacy";

/**
 * Retention (`npm run purge`, scripts/purge.ts): what has been kept long enough goes. Run by the
 * operator, not by a user of the app, so nothing here is scoped to an acting user.
 * docs/decisions/012-privacy.md.
 */

const DAY = 86_400_000;

export type PurgeReport = {
  /** Sections archived more than RETENTION_DAYS ago whose students' work goes (the sections and rosters stay). */
  sections: number;
  submissions: number;
  images: number;
  attempts: number;
  scores: number;
  stars: number;
  /** Students excused from an assignment of such a section. */
  excusals: number;
  /** Students' own due dates (extensions) for an assignment of such a section. */
  extensions: number;
  /** Accounts deactivated more than RETENTION_DAYS ago, erased. */
  accounts: number;
  /**
   * Accounts that could not be erased, and why: a teacher still owning sections, or a student on a
   * teacher's roster whose teachers have been warned and not yet all acknowledged.
   */
  skipped: { id: string; email: string; reason: string }[];
  signInEvents: number;
  /** Sign-in failure counts whose window has ended and which lock nothing (lib/sign-in-throttle.ts isSpent). */
  signInThrottle: number;
  /** Records of signed-out sessions past the time their cookies would have expired anyway. */
  endedSessions: number;
  /** Stored files queued for deletion (this run's and earlier failures'). */
  files: number;
};

/** The sign-in throttle's spent counts: the SQL of isSpent in lib/sign-in-throttle.ts. */
const spentThrottle = (now: Date) =>
  and(
    or(isNull(signInThrottle.lockedUntil), lte(signInThrottle.lockedUntil, now)),
    lte(signInThrottle.windowStartedAt, spentWindowsBefore(now)),
  );

/** The ids of the assignments of sections archived before the cutoff, as a subquery. */
const expiredAssignments = (cutoff: Date) =>
  sql`(select ${assignments.id} from ${assignments}
    join ${sections} on ${sections.id} = ${assignments.sectionId}
    where ${sections.archivedAt} is not null and ${lt(sections.archivedAt, cutoff)})`;

/** The excusals from those assignments. */
const expiredExcusals = (cutoff: Date) => sql`${excusals.assignmentId} in ${expiredAssignments(cutoff)}`;

/** The extensions of those assignments. */
const expiredExtensions = (cutoff: Date) => sql`${extensions.assignmentId} in ${expiredAssignments(cutoff)}`;

/** The submissions to those assignments. */
const expiredWork = (cutoff: Date) => sql`${submissions.assignmentId} in ${expiredAssignments(cutoff)}`;

/**
 * What the purge finds to remove. `schedule` (the purge with --apply, in its transaction) warns the
 * teachers of a deactivated student whose erasure waits for them (purgeErasureWait).
 */
async function survey(db: Db, now: Date, retentionDays: number, schedule: boolean) {
  const cutoff = new Date(now.getTime() - retentionDays * DAY);
  const work = expiredWork(cutoff);
  const ofWork = (column: AnySQLiteColumn) => sql`${column} in (select ${submissions.id} from ${submissions} where ${work})`;
  const [expiredSections] = await db
    .select({ n: count() })
    .from(sections)
    .where(and(isNotNull(sections.archivedAt), lt(sections.archivedAt, cutoff)));
  const n = async (query: Promise<{ n: number }[]>) => Number((await query)[0]?.n ?? 0);
  const counts = {
    sections: Number(expiredSections?.n ?? 0),
    submissions: await n(db.select({ n: count() }).from(submissions).where(work)),
    images: await n(db.select({ n: count() }).from(submissionImages).where(ofWork(submissionImages.submissionId))),
    attempts: await n(db.select({ n: count() }).from(attempts).where(ofWork(attempts.submissionId))),
    scores: await n(db.select({ n: count() }).from(scores).where(ofWork(scores.submissionId))),
    stars: await n(db.select({ n: count() }).from(discussionStars).where(ofWork(discussionStars.submissionId))),
    excusals: await n(db.select({ n: count() }).from(excusals).where(expiredExcusals(cutoff))),
    extensions: await n(db.select({ n: count() }).from(extensions).where(expiredExtensions(cutoff))),
    signInEvents: await n(
      db
        .select({ n: count() })
        .from(signInEvents)
        .where(lt(signInEvents.at, new Date(now.getTime() - SIGN_IN_RECORD_DAYS * DAY))),
    ),
    signInThrottle: await n(db.select({ n: count() }).from(signInThrottle).where(spentThrottle(now))),
    endedSessions: await n(db.select({ n: count() }).from(endedSessions).where(lte(endedSessions.endsAt, now))),
  };
  const accounts = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(and(isNotNull(users.deactivatedAt), lt(users.deactivatedAt, cutoff)))
    .orderBy(users.id);
  const erasable: typeof accounts = [];
  const skipped: PurgeReport["skipped"] = [];
  for (const account of accounts) {
    // A student's teachers are warned first, as for the administrator's erasure: deactivating a
    // student must not take them out of a gradebook without notice.
    const refusal =
      (await erasureRefusal(db, account)) ?? (account.role === "student" ? await purgeErasureWait(db, account.id, now, schedule) : null);
    if (refusal) skipped.push({ id: account.id, email: account.email, reason: refusal });
    else erasable.push(account);
  }
  return { cutoff, work, ofWork, counts, erasable, skipped };
}

/** What a purge would remove now, writing nothing (the dry run). */
export async function planPurge(now: Date, retentionDays: number): Promise<PurgeReport> {
  const db = await getDb();
  const { counts, erasable, skipped } = await survey(db, now, retentionDays, false);
  const [pending] = await db.select({ n: count() }).from(pendingFileDeletions);
  return { ...counts, accounts: erasable.length, skipped, files: Number(pending?.n ?? 0) + 2 * counts.images };
}

/**
 * Removes what has been kept long enough, in one write transaction: the students' work (and
 * excusals and extensions) in sections archived before the cutoff (grade history keeps its rows, without the student or comment text),
 * accounts deactivated before it (erased as the registry says, each with an "erase" row in the
 * access log; a teacher still owning sections is skipped and reported, and so is a student on a
 * roster whose teachers have not all acknowledged, whose erasure this run schedules if nobody
 * has), sign-in records older than 90 days, sign-in failure counts whose window
 * has ended and which lock nothing, and records of signed-out sessions whose cookies have expired.
 * The removed files' keys are queued in pending_file_deletions; the caller deletes them after the
 * commit (deleteQueuedFiles).
 */
export async function applyPurge(now: Date, retentionDays: number): Promise<PurgeReport> {
  const report = await writeTransaction(async (tx) => {
    const { counts, erasable, skipped, work, ofWork, cutoff } = await survey(tx, now, retentionDays, true);
    const keys: string[] = [];
    for (const image of await tx
      .select({ storageKey: submissionImages.storageKey, thumbnailKey: submissionImages.thumbnailKey })
      .from(submissionImages)
      .where(ofWork(submissionImages.submissionId))) {
      keys.push(image.storageKey, image.thumbnailKey);
    }
    await tx
      .update(gradeEvents)
      .set({ submissionId: null, oldValue: null, newValue: null })
      .where(and(ofWork(gradeEvents.submissionId), inArray(gradeEvents.field, ["comment", "feedback"])));
    await tx.delete(submissions).where(work);
    await tx.delete(excusals).where(expiredExcusals(cutoff));
    await tx.delete(extensions).where(expiredExtensions(cutoff));
    for (const account of erasable) keys.push(...(await eraseAccount(tx, null, account, now)));
    await tx.delete(signInEvents).where(lt(signInEvents.at, new Date(now.getTime() - SIGN_IN_RECORD_DAYS * DAY)));
    await tx.delete(signInThrottle).where(spentThrottle(now));
    await tx.delete(endedSessions).where(lte(endedSessions.endsAt, now));
    await queueFileDeletions(tx, keys, now);
    const [pending] = await tx.select({ n: count() }).from(pendingFileDeletions);
    return { ...counts, accounts: erasable.length, skipped, files: Number(pending?.n ?? 0) };
  });
  return report;
}
