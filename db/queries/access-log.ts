import "server-only";
import type { AccessAction } from "@/lib/roles";
import { accessLog } from "@/db/schema";
import type { SessionUser } from "./accounts";
import type { Db } from "./ownership";

/** What one access-log row says happened; the actor is always the session's user. */
export type AccessEntry = {
  action: AccessAction;
  studentId?: string | null;
  sectionId?: string | null;
  assignmentId?: string | null;
  /** A fixed description chosen by the code ("grades.csv", "Ideation score"), never form text. */
  detail?: string;
};

/**
 * Appends one row to the access log, on the handle the caller's query runs on (inside its write
 * transaction, so the record and the act commit together). Callers call this only after their own
 * ownership check has passed: the log records what the actor was allowed to do, nothing else.
 * Nothing in the app updates or deletes these rows (docs/privacy.md).
 */
export async function recordAccess(db: Db, actor: SessionUser, entry: AccessEntry, at = new Date()): Promise<void> {
  await db.insert(accessLog).values({
    at,
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action: entry.action,
    studentId: entry.studentId ?? null,
    sectionId: entry.sectionId ?? null,
    assignmentId: entry.assignmentId ?? null,
    detail: entry.detail ?? "",
  });
}
