import "server-only";
import { and, asc, desc, eq, exists, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { getDb, writeTransaction, inserted } from "@/db";
import { assignments, bankedComments, enrollments, extensions, gradeEvents, scores, sections, submissions, users } from "@/db/schema";
import { studentTiming, whyStudentsCantChange } from "@/lib/assignment-window";
import { scoreSummary } from "@/db/score-summary";
import { FieldError, FormError, NotFoundError } from "@/lib/errors";
import { criterionKey, FORMER_TEACHER, levelFor, parseEarlierGrade } from "@/lib/grading";
import { recordAccess } from "./access-log";
import type { SessionUser } from "./accounts";
import { activeMemberOf, loadTeacherAssignment, loadTeacherSubmission, ownBankedComments, ownWork, teacherAssignment } from "./ownership";
import { gradedWork, reopenedWork } from "./queue";

/** Grading, scoped to submissions in sections the acting teacher owns. */

/**
 * The access-log entry for a change to one student's grade (a score, a comment, the feedback, a
 * return): written in the same transaction as the change, and only when something changed.
 */
const graded = (submission: { studentId: string; assignmentId: string }, sectionId: string, detail: string) => ({
  action: "grade" as const,
  studentId: submission.studentId,
  sectionId,
  assignmentId: submission.assignmentId,
  detail,
});

export async function listScores(actor: SessionUser, submissionId: string) {
  const db = await getDb();
  await loadTeacherSubmission(db, actor, submissionId);
  return await db.select().from(scores).where(eq(scores.submissionId, submissionId));
}

export type Conflict<T> = { current: T; version: number; by: string; at: Date };
export type SaveResult<T> = { saved: true; version: number } | { saved: false; conflict: Conflict<T> };

type ScoreChange = { points?: number | null; comment?: string };

/**
 * Saves one criterion's level and/or comment if nobody changed it since `baseVersion`; otherwise
 * writes nothing and returns what is stored now, so the teacher can choose. Every change is logged.
 */
export async function saveScore(
  actor: SessionUser,
  submissionId: string,
  criterionId: string,
  change: ScoreChange,
  baseVersion: number,
  now = new Date(),
): Promise<SaveResult<{ points: number | null; comment: string }>> {
  return await writeTransaction(async (db) => {
    const { submission, assignment } = await loadTeacherSubmission(db, actor, submissionId);
    const criterion = assignment.rubric.criteria.find((c) => c.id === criterionId);
    if (!criterion) throw new FieldError("criterionId", "That criterion isn't part of this assignment's rubric.");
    if (change.points != null && !levelFor(assignment.rubric, criterionId, change.points)) {
      const allowed = criterion.levels.map((l) => l.points).join(", ");
      throw new FieldError("points", `${change.points} isn't a level of ${criterion.title}. Choose one of: ${allowed}.`);
    }
    const existing = (
      await db
        .select()
        .from(scores)
        .where(and(eq(scores.submissionId, submissionId), eq(scores.criterionId, criterionId)))
    )[0];
    const version = existing?.version ?? 0;
    if (version !== baseVersion && existing) {
      const scorer = existing.updatedBy;
      const by = scorer
        ? ((await db.select({ name: users.name }).from(users).where(eq(users.id, scorer)))[0]?.name ?? "someone")
        : FORMER_TEACHER;
      return {
        saved: false,
        conflict: { current: { points: existing.points, comment: existing.comment }, version, by, at: existing.updatedAt },
      };
    }
    const before = { points: existing?.points ?? null, comment: existing?.comment ?? "" };
    const after = { points: change.points !== undefined ? change.points : before.points, comment: change.comment ?? before.comment };
    const values = { ...after, version: version + 1, updatedBy: actor.id, updatedAt: now };
    if (existing) await db.update(scores).set(values).where(eq(scores.id, existing.id));
    else await db.insert(scores).values({ submissionId, criterionId, ...values });

    const events = (["points", "comment"] as const)
      .filter((field) => before[field] !== after[field])
      .map((field) => ({
        assignmentId: submission.assignmentId,
        submissionId,
        criterionId,
        field,
        oldValue: before[field] === null ? null : String(before[field]),
        newValue: after[field] === null ? null : String(after[field]),
        actorId: actor.id,
        at: now,
      }));
    if (events.length) {
      await db.insert(gradeEvents).values(events);
      const what = events.map((e) => (e.field === "points" ? "score" : "comment")).join(" and ");
      await recordAccess(db, actor, graded(submission, assignment.sectionId, `${criterion.title} ${what}`), now);
    }
    await db
      .update(submissions)
      .set({ ...scoreSummary(submissionId), ...(events.length && submission.returnedAt ? { gradeUpdatedAt: now } : {}) })
      .where(eq(submissions.id, submissionId));
    return { saved: true, version: version + 1 };
  });
}

/** The overall feedback, with the same version check and history as scores. */
export async function saveFeedback(
  actor: SessionUser,
  submissionId: string,
  text: string,
  baseVersion: number,
  now = new Date(),
): Promise<SaveResult<string>> {
  return await writeTransaction(async (db) => {
    const { submission, assignment } = await loadTeacherSubmission(db, actor, submissionId);
    if (submission.feedbackVersion !== baseVersion) {
      const last = (
        await db
          .select({ name: users.name, at: gradeEvents.at })
          .from(gradeEvents)
          .leftJoin(users, eq(users.id, gradeEvents.actorId))
          .where(and(eq(gradeEvents.submissionId, submissionId), eq(gradeEvents.field, "feedback")))
          .orderBy(desc(gradeEvents.at))
      )[0];
      return {
        saved: false,
        conflict: {
          current: submission.feedback,
          version: submission.feedbackVersion,
          by: last ? (last.name ?? FORMER_TEACHER) : "someone",
          at: last?.at ?? now,
        },
      };
    }
    const version = submission.feedbackVersion + 1;
    await db
      .update(submissions)
      .set({
        feedback: text,
        feedbackVersion: version,
        ...(submission.returnedAt && text !== submission.feedback ? { gradeUpdatedAt: now } : {}),
      })
      .where(eq(submissions.id, submissionId));
    if (text !== submission.feedback) {
      await db.insert(gradeEvents).values({
        assignmentId: submission.assignmentId,
        submissionId,
        criterionId: null,
        field: "feedback",
        oldValue: submission.feedback,
        newValue: text,
        actorId: actor.id,
        at: now,
      });
      await recordAccess(db, actor, graded(submission, assignment.sectionId, "Overall feedback"), now);
    }
    return { saved: true, version };
  });
}

export async function gradeHistory(actor: SessionUser, submissionId: string) {
  const db = await getDb();
  await loadTeacherSubmission(db, actor, submissionId);
  return await db
    .select({
      id: gradeEvents.id,
      criterionId: gradeEvents.criterionId,
      field: gradeEvents.field,
      oldValue: gradeEvents.oldValue,
      newValue: gradeEvents.newValue,
      at: gradeEvents.at,
      by: sql<string>`coalesce(${users.name}, ${FORMER_TEACHER})`,
    })
    .from(gradeEvents)
    .leftJoin(users, eq(users.id, gradeEvents.actorId))
    .where(eq(gradeEvents.submissionId, submissionId))
    .orderBy(desc(gradeEvents.at));
}

/** Why one return is refused: the work on the teacher's screen is no longer the latest attempt. */
export const HANDED_IN_AGAIN =
  "The student has handed this work in again since you opened it. Reload to see the new attempt before you return it.";

/**
 * Returns submitted work to students. `"graded"` returns every graded (see above), not-yet-returned
 * one of the students on the roster: the count its button shows. `{ submissionId, attempt }` is the
 * grading view's return of the attempt on the teacher's screen, refused once the student has handed
 * in another (whose grade the teacher hasn't seen).
 */
export async function returnWork(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  which: string[] | "graded" | { submissionId: string; attempt: number },
  now = new Date(),
): Promise<number> {
  return await writeTransaction(async (db) => {
    const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
    const seen = which === "graded" || Array.isArray(which) ? null : which;
    const ids: string[] | null = which === "graded" ? null : Array.isArray(which) ? which : [which.submissionId];
    const candidates = await db
      .select({
        id: submissions.id,
        studentId: submissions.studentId,
        attempt: submissions.attemptCount,
        // Reopened work is the student's until they hand it in again: not among "all graded".
        graded: sql<number>`(${gradedWork(assignment.rubric.criteria.length)} and not ${reopenedWork})`.mapWith(Boolean),
      })
      .from(submissions)
      .where(
        and(
          eq(submissions.assignmentId, assignmentId),
          isNotNull(submissions.submittedAt),
          isNull(submissions.returnedAt),
          ids
            ? inArray(submissions.id, ids.length ? ids : [""])
            : // "All graded" is the work of the students on the roster (the queue's count), not of those removed.
              exists(
                db
                  .select({ one: sql`1` })
                  .from(enrollments)
                  .where(activeMemberOf(assignment.sectionId)),
              ),
        ),
      );
    if (ids && candidates.length !== ids.length) {
      throw new FormError("Only submitted work that hasn't been returned yet can be returned.", "stale");
    }
    if (seen && candidates[0]!.attempt !== seen.attempt) throw new FormError(HANDED_IN_AGAIN, "stale");
    const chosen = candidates.filter((c) => ids || c.graded);
    const returning = chosen.map((c) => c.id);
    if (returning.length)
      await db.update(submissions).set({ returnedAt: now, gradeUpdatedAt: null }).where(inArray(submissions.id, returning));
    for (const c of chosen) await recordAccess(db, actor, graded({ ...c, assignmentId }, sectionId, "Returned"), now);
    return returning.length;
  });
}

/** How long after a return its toast's Undo takes it back as if it never happened. */
export const UNDO_RETURN_MS = 10 * 60_000;

/**
 * Takes returned work back so the student can change and resubmit it. The grade they were returned
 * is kept beside it (earlierGrade), so they can still read what to improve. `undo` takes back a
 * return just made (a stray R, from its toast) as if it never happened: the student was never meant
 * to read that grade, so the earlier one stays as it was, if any. Says, for the teacher, why the
 * student still can't change it (closed, archived).
 */
export async function reopenWork(
  actor: SessionUser,
  submissionId: string,
  { undo = false } = {},
  now = new Date(),
): Promise<{ studentLockedOut: string | null }> {
  return await writeTransaction(async (db) => {
    const { submission, assignment } = await loadTeacherSubmission(db, actor, submissionId);
    if (!submission.returnedAt) throw new FormError("This work hasn't been returned, so there is nothing to reopen.", "stale");
    // Undo is for a return just made: one the student may have read long since is reopened instead,
    // which keeps that grade readable to them.
    if (undo && now.getTime() - submission.returnedAt.getTime() > UNDO_RETURN_MS)
      throw new FormError("This work was returned too long ago to undo: reopen it for resubmission instead.", "stale");
    const returned = undo
      ? []
      : await db
          .select({ criterionId: scores.criterionId, points: scores.points, comment: scores.comment })
          .from(scores)
          .where(eq(scores.submissionId, submissionId));
    const earlierGrade = undo
      ? submission.earlierGrade
      : { returnedAt: submission.returnedAt.toISOString(), feedback: submission.feedback, scores: returned };
    // Reopened: until the student hands in again (a new attempt) it is theirs, not the teacher's to
    // grade or return. An undone return leaves the work as it was before it, reopened or not.
    const reopenedAttempt = undo ? submission.reopenedAttempt : submission.attemptCount;
    await db
      .update(submissions)
      .set({ returnedAt: null, gradeUpdatedAt: null, earlierGrade, reopenedAttempt })
      .where(eq(submissions.id, submissionId));
    await recordAccess(db, actor, graded(submission, assignment.sectionId, undo ? "Return undone" : "Reopened"));
    const [section] = await db.select({ archivedAt: sections.archivedAt }).from(sections).where(eq(sections.id, assignment.sectionId));
    const [member] = await db
      .select({ removedAt: enrollments.removedAt })
      .from(enrollments)
      .where(and(eq(enrollments.sectionId, assignment.sectionId), eq(enrollments.studentId, submission.studentId)));
    // A student taken off the roster can't open the work at all.
    if (!member || member.removedAt) return { studentLockedOut: "they are no longer on this section's roster. Restore them to let them" };
    // Judged by the student's own dates: an extension may keep the work open to them after the class closed.
    const [own] = await db
      .select({ dueAt: extensions.dueAt })
      .from(extensions)
      .where(and(eq(extensions.assignmentId, assignment.id), eq(extensions.studentId, submission.studentId)));
    const timing = studentTiming(assignment, own?.dueAt ?? null);
    return { studentLockedOut: whyStudentsCantChange(timing, Boolean(section?.archivedAt), now) };
  });
}

/**
 * Takes back a "Return all graded" made at `returnedAt` (its toast's Undo), as reopenWork's `undo`
 * does one return: each submission of the assignment still returned at that instant goes back to
 * graded, within UNDO_RETURN_MS; work returned again or reopened since keeps what was done to it.
 * Returns how many were taken back.
 */
export async function undoReturnAll(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  returnedAt: Date,
  now = new Date(),
): Promise<number> {
  return await writeTransaction(async (db) => {
    const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
    if (now.getTime() - returnedAt.getTime() > UNDO_RETURN_MS) return 0;
    const undone = await db
      .update(submissions)
      .set({ returnedAt: null, gradeUpdatedAt: null })
      .where(and(eq(submissions.assignmentId, assignment.id), eq(submissions.returnedAt, returnedAt)))
      .returning({ id: submissions.id, studentId: submissions.studentId });
    for (const s of undone) await recordAccess(db, actor, graded({ ...s, assignmentId }, sectionId, "Return undone"), now);
    return undone.length;
  });
}

export async function setAnonymous(actor: SessionUser, sectionId: string, assignmentId: string, anonymous: boolean): Promise<void> {
  const [row] = await writeTransaction((tx) =>
    tx
      .update(assignments)
      .set({ anonymous })
      .where(teacherAssignment(actor, sectionId, assignmentId))
      .returning({ id: assignments.id }),
  );
  if (!row) throw new NotFoundError("assignment");
}

// ——— Comment bank ———

export async function listBankedComments(actor: SessionUser) {
  return await (
    await getDb()
  )
    .select({ id: bankedComments.id, criterionKey: bankedComments.criterionKey, text: bankedComments.text })
    .from(bankedComments)
    .where(ownBankedComments(actor))
    .orderBy(asc(bankedComments.createdAt));
}

export async function bankComment(actor: SessionUser, criterionTitle: string, text: string) {
  const key = criterionKey(criterionTitle);
  return await writeTransaction(async (db) => {
    const same = (
      await db
        .select()
        .from(bankedComments)
        .where(and(ownBankedComments(actor), eq(bankedComments.criterionKey, key), eq(bankedComments.text, text)))
    )[0];
    return same ?? (await inserted(db.insert(bankedComments).values({ teacherId: actor.id, criterionKey: key, text }).returning()));
  });
}

function ownedComment(actor: SessionUser, id: string) {
  return and(eq(bankedComments.id, id), ownBankedComments(actor));
}

export async function editBankedComment(actor: SessionUser, id: string, text: string): Promise<void> {
  const [row] = await writeTransaction((tx) =>
    tx.update(bankedComments).set({ text }).where(ownedComment(actor, id)).returning({ id: bankedComments.id }),
  );
  if (!row) throw new NotFoundError("comment");
}

export async function deleteBankedComment(actor: SessionUser, id: string): Promise<void> {
  const [row] = await writeTransaction((tx) =>
    tx.delete(bankedComments).where(ownedComment(actor, id)).returning({ id: bankedComments.id }),
  );
  if (!row) throw new NotFoundError("comment");
}

// ——— The student's side ———

/**
 * Scores and feedback for the acting student, only once the teacher has returned the work; after
 * the teacher reopens it, the grade returned before (`earlier`), never what is being scored since.
 */
export async function getReturnedGrade(actor: SessionUser, assignmentId: string) {
  const db = await getDb();
  const submission = (
    await db
      .select()
      .from(submissions)
      .where(
        and(
          eq(submissions.assignmentId, assignmentId),
          ownWork(actor),
          or(isNotNull(submissions.returnedAt), isNotNull(submissions.earlierGrade)),
        ),
      )
  )[0];
  if (!submission) return null;
  // Reopened: the grade returned before, until the work is returned again.
  if (!submission.returnedAt) {
    // One stored that isn't a grade shows none, rather than failing the student's page.
    const earlier = parseEarlierGrade(submission.earlierGrade);
    if (!earlier) return null;
    return { earlier: true, returnedAt: new Date(earlier.returnedAt), updatedAt: null, feedback: earlier.feedback, scores: earlier.scores };
  }
  return {
    earlier: false,
    returnedAt: submission.returnedAt,
    updatedAt: submission.gradeUpdatedAt,
    feedback: submission.feedback,
    scores: await db
      .select({ criterionId: scores.criterionId, points: scores.points, comment: scores.comment })
      .from(scores)
      .where(eq(scores.submissionId, submission.id)),
  };
}
