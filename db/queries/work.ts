import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Tx } from "@/db";
import { assignments, attempts, sections, submissionImages, submissions, type Assignment, type Submission } from "@/db/schema";
import { assignmentWindow, type Window } from "@/lib/assignment-window";
import { FormError, NotFoundError } from "@/lib/errors";
import type { ImageChecks } from "@/lib/image-checks";
import { IMAGE_LIMITS } from "@/lib/image-checks";
import { emptyDraft, type AttemptSnapshot, type Draft } from "@/lib/validations/workspace";
import { assessWork, workStatus } from "@/lib/workspace";
import type { SessionUser } from "./accounts";
import { enrolledIn, findOwnSubmission, loadOwnImage, loadStudentAssignment, ownWork, taughtBy, type Db } from "./ownership";

/** Student-side reads and writes: only the acting student's own work, in sections they are in. */

function liveImages(db: Db, submissionId: string) {
  return db
    .select()
    .from(submissionImages)
    .where(and(eq(submissionImages.submissionId, submissionId), isNull(submissionImages.deletedAt)))
    .orderBy(asc(submissionImages.position), asc(submissionImages.createdAt))
    .all();
}

export type EditState =
  { editable: true; window: Window } | { editable: false; reason: string; code: "archived" | "closed"; window: Window };

/** Whether the student may still change and submit this work right now, and if not, why. */
function editState(assignment: Assignment, sectionArchivedAt: Date | null, submission: Submission | undefined, now: Date): EditState {
  const window = assignmentWindow(assignment, now);
  if (sectionArchivedAt)
    return { editable: false, reason: "This class has been archived, so its work can no longer change.", code: "archived", window };
  if (window.phase === "closed") return { editable: false, reason: window.reason, code: "closed", window };
  if (submission?.returnedAt)
    return { editable: false, reason: "Your teacher has returned this work, so it can no longer change.", code: "closed", window };
  return { editable: true, window };
}

export function getStudentWork(actor: SessionUser, assignmentId: string, now = new Date()) {
  const db = getDb();
  const { assignment, sectionName, sectionArchivedAt, teacherName } = loadStudentAssignment(db, actor, assignmentId);
  const submission = findOwnSubmission(db, actor, assignmentId);
  return {
    assignment,
    sectionName,
    teacherName,
    submission: submission ?? null,
    draft: submission?.draft ?? emptyDraft(),
    version: submission?.version ?? 0,
    images: submission ? liveImages(db, submission.id) : [],
    status: workStatus(submission),
    state: editState(assignment, sectionArchivedAt, submission, now),
  };
}

/** Creates the submission row on first save. Must run inside a write transaction. */
function ensureSubmission(tx: Tx, actor: SessionUser, assignmentId: string): Submission {
  return (
    findOwnSubmission(tx, actor, assignmentId) ??
    tx.insert(submissions).values({ assignmentId, studentId: actor.id, draft: emptyDraft(), version: 0 }).returning().get()
  );
}

function requireEditable(tx: Tx, actor: SessionUser, assignmentId: string, now: Date) {
  const { assignment, sectionArchivedAt } = loadStudentAssignment(tx, actor, assignmentId);
  const submission = findOwnSubmission(tx, actor, assignmentId);
  const state = editState(assignment, sectionArchivedAt, submission, now);
  if (!state.editable) throw new FormError(state.reason, state.code);
  return { assignment, state };
}

export type SaveResult =
  { saved: true; version: number; savedAt: Date } | { saved: false; conflict: { draft: Draft; version: number; savedAt: Date } };

/**
 * Saves the draft if nobody changed it since `baseVersion` (another tab, another device).
 * Otherwise nothing is written and the newer draft comes back, so the student can choose.
 */
export function saveDraft(actor: SessionUser, assignmentId: string, baseVersion: number, draft: Draft, now = new Date()): SaveResult {
  return writeTransaction((tx) => {
    requireEditable(tx, actor, assignmentId, now);
    const submission = ensureSubmission(tx, actor, assignmentId);
    if (submission.version !== baseVersion) {
      return { saved: false, conflict: { draft: submission.draft, version: submission.version, savedAt: submission.updatedAt } };
    }
    const updated = tx
      .update(submissions)
      .set({ draft, version: submission.version + 1, updatedAt: now })
      .where(eq(submissions.id, submission.id))
      .returning({ version: submissions.version })
      .get()!;
    return { saved: true, version: updated.version, savedAt: now };
  });
}

export type NewImage = {
  storageKey: string;
  thumbnailKey: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  checks: ImageChecks;
};

export function countLiveImages(actor: SessionUser, assignmentId: string): number {
  const db = getDb();
  loadStudentAssignment(db, actor, assignmentId);
  const submission = findOwnSubmission(db, actor, assignmentId);
  return submission ? liveImages(db, submission.id).length : 0;
}

/** Adds an already processed and stored image. Refuses a sixth one. */
export function addImage(actor: SessionUser, assignmentId: string, image: NewImage, caption: string, now = new Date()) {
  return writeTransaction((tx) => {
    requireEditable(tx, actor, assignmentId, now);
    const submission = ensureSubmission(tx, actor, assignmentId);
    const existing = liveImages(tx, submission.id);
    if (existing.length >= IMAGE_LIMITS.maxImages) {
      throw new FormError(`You can upload up to ${IMAGE_LIMITS.maxImages} graphics. Delete one to add another.`);
    }
    const position = existing.reduce((max, i) => Math.max(max, i.position), -1) + 1;
    const row = tx
      .insert(submissionImages)
      .values({ submissionId: submission.id, ...image, caption, position })
      .returning()
      .get();
    tx.update(submissions).set({ updatedAt: now }).where(eq(submissions.id, submission.id)).run();
    return row;
  });
}

export function updateImageCaption(actor: SessionUser, imageId: string, caption: string, now = new Date()) {
  return writeTransaction((tx) => {
    const { image, submission } = loadOwnImage(tx, actor, imageId);
    requireEditable(tx, actor, submission.assignmentId, now);
    tx.update(submissionImages).set({ caption }).where(eq(submissionImages.id, image.id)).run();
  });
}

/**
 * Removes an image from the draft. One that was part of a submitted attempt is only hidden, so the
 * teacher still sees the attempt as it was; the files of a never-submitted one are returned for deletion.
 */
export function deleteImage(actor: SessionUser, imageId: string, now = new Date()): { deletedKeys: string[] } {
  return writeTransaction((tx) => {
    const { image, submission } = loadOwnImage(tx, actor, imageId);
    requireEditable(tx, actor, submission.assignmentId, now);
    const inAnAttempt = submission.submittedAt !== null && image.createdAt <= submission.submittedAt;
    if (inAnAttempt) {
      tx.update(submissionImages).set({ deletedAt: now }).where(eq(submissionImages.id, image.id)).run();
      return { deletedKeys: [] };
    }
    tx.delete(submissionImages).where(eq(submissionImages.id, image.id)).run();
    return { deletedKeys: [image.storageKey, image.thumbnailKey] };
  });
}

export function reorderImages(actor: SessionUser, assignmentId: string, imageIds: string[], now = new Date()) {
  return writeTransaction((tx) => {
    requireEditable(tx, actor, assignmentId, now);
    const submission = findOwnSubmission(tx, actor, assignmentId);
    const current = submission ? liveImages(tx, submission.id) : [];
    const same = current.length === imageIds.length && current.every((i) => imageIds.includes(i.id));
    if (!same) throw new FormError("Your graphics changed in another tab. Reload to see them.", "stale");
    imageIds.forEach((id, position) => tx.update(submissionImages).set({ position }).where(eq(submissionImages.id, id)).run());
  });
}

/**
 * Submits the saved draft as a new attempt, stamped with server time (UTC) and marked late after
 * the due date. `baseVersion` proves the student reviewed the latest saved draft.
 */
export function submitWork(actor: SessionUser, assignmentId: string, baseVersion: number, confirmIncomplete: boolean, now = new Date()) {
  return writeTransaction((tx) => {
    const { assignment, state } = requireEditable(tx, actor, assignmentId, now);
    const submission = ensureSubmission(tx, actor, assignmentId);
    if (submission.version !== baseVersion) {
      throw new FormError(
        "Your work changed in another tab or device since you opened this review. Check it again before submitting.",
        "stale",
      );
    }
    const images = liveImages(tx, submission.id);
    const progress = assessWork(submission.draft, images, assignment.content);
    const incomplete = progress.issues.some((i) => i.level !== "warning");
    if (incomplete && !confirmIncomplete) throw new FormError("Some parts are missing. Confirm that you want to submit anyway.");
    const late = state.window.phase === "late";
    const number = submission.attemptCount + 1;
    const snapshot: AttemptSnapshot = {
      draft: submission.draft,
      images: images.map((i) => ({ id: i.id, caption: i.caption, width: i.width, height: i.height, checks: i.checks })),
    };
    tx.insert(attempts).values({ submissionId: submission.id, number, submittedAt: now, late, snapshot }).run();
    tx.update(submissions)
      .set({ submittedAt: now, late, attemptCount: number, updatedAt: now })
      .where(eq(submissions.id, submission.id))
      .run();
    return { number, late, submittedAt: now };
  });
}

/** Every assignment in the acting student's classes, with where their work stands. */
export function listStudentAssignments(actor: SessionUser) {
  return getDb()
    .select({
      id: assignments.id,
      sectionId: assignments.sectionId,
      title: assignments.title,
      dueAt: assignments.dueAt,
      closeAt: assignments.closeAt,
      acceptLate: assignments.acceptLate,
      submittedAt: submissions.submittedAt,
      late: submissions.late,
      returnedAt: submissions.returnedAt,
      hasSubmission: sql<number>`${submissions.id} is not null`.mapWith(Boolean),
    })
    .from(assignments)
    .leftJoin(submissions, and(eq(submissions.assignmentId, assignments.id), ownWork(actor)))
    .where(enrolledIn(actor, assignments.sectionId))
    .orderBy(asc(assignments.dueAt))
    .all()
    .map((row) => ({
      ...row,
      status: workStatus(row.hasSubmission ? { submittedAt: row.submittedAt, late: Boolean(row.late), returnedAt: row.returnedAt } : null),
    }));
}

/**
 * An image for someone allowed to see it: the student who uploaded it, or the teacher of the
 * section. Anyone else gets NotFound, as if it did not exist.
 */
export function getViewableImage(actor: SessionUser, imageId: string) {
  const row = getDb()
    .select({ image: submissionImages })
    .from(submissionImages)
    .innerJoin(submissions, eq(submissions.id, submissionImages.submissionId))
    .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
    .innerJoin(sections, eq(sections.id, assignments.sectionId))
    .where(and(eq(submissionImages.id, imageId), actor.role === "teacher" ? taughtBy(actor) : ownWork(actor)))
    .get();
  if (!row) throw new NotFoundError("image");
  return row.image;
}

export function listOwnAttempts(actor: SessionUser, assignmentId: string) {
  const db = getDb();
  const submission = findOwnSubmission(db, actor, assignmentId);
  if (!submission) return [];
  return db
    .select({ number: attempts.number, submittedAt: attempts.submittedAt, late: attempts.late })
    .from(attempts)
    .where(eq(attempts.submissionId, submission.id))
    .orderBy(desc(attempts.number))
    .all();
}
