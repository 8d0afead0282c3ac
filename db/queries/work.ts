import "server-only";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Tx, inserted } from "@/db";
import {
  assignments,
  attempts,
  discussionStars,
  excusals,
  extensions,
  sections,
  submissionImages,
  submissions,
  type Assignment,
  type Submission,
} from "@/db/schema";
import { assignmentWindow, studentListOrder, studentTiming, type Window } from "@/lib/assignment-window";
import { canonicalJson } from "@/lib/canonical-json";
import { FormError, NotFoundError } from "@/lib/errors";
import type { ImageChecks } from "@/lib/image-checks";
import { noRoomFor, type ImagesHeld } from "@/lib/image-checks";
import type { DrawnCard } from "@/lib/studio/card-text";
import { emptyDraft, type AttemptSnapshot, type Draft } from "@/lib/validations/workspace";
import { sameSubmission } from "@/lib/draft-differences";
import { assessWork } from "@/lib/assess-work";
import { hasAnyWork, workStatus } from "@/lib/workspace";
import type { SessionUser } from "./accounts";
import { isExcused } from "./excusals";
import { queueFileDeletions } from "./file-deletions";
import { enrolledIn, findOwnSubmission, loadOwnImage, loadStudentAssignment, ownWork, taughtBy, type Db } from "./ownership";

/** Student-side reads and writes: only the acting student's own work, in sections they are in. */

async function liveImages(db: Db, submissionId: string) {
  return await db
    .select()
    .from(submissionImages)
    .where(and(eq(submissionImages.submissionId, submissionId), isNull(submissionImages.deletedAt)))
    .orderBy(asc(submissionImages.position), asc(submissionImages.createdAt));
}

export type EditState =
  { editable: true; window: Window } | { editable: false; reason: string; code: "archived" | "closed"; window: Window };

/**
 * Whether the student may still change and submit this work right now, and if not, why. `kept`:
 * whether anything they made is saved: handed in, or in the draft (lib/workspace.ts `hasAnyWork`).
 */
function editState(
  assignment: Assignment,
  sectionArchivedAt: Date | null,
  submission: Submission | undefined,
  now: Date,
  kept: boolean,
): EditState {
  const window = assignmentWindow(assignment, now);
  if (sectionArchivedAt)
    return { editable: false, reason: "This class has been archived, so its work can no longer change.", code: "archived", window };
  // What was saved stays: said only to a student who saved something (one who joined late, or emptied
  // their draft, has nothing to keep).
  if (window.phase === "closed")
    return { editable: false, reason: kept ? `${window.reason} Your work so far is kept.` : window.reason, code: "closed", window };
  if (submission?.returnedAt)
    return { editable: false, reason: "Your teacher has returned this work, so it can no longer change.", code: "closed", window };
  return { editable: true, window };
}

export async function getStudentWork(actor: SessionUser, assignmentId: string, now = new Date()) {
  const db = await getDb();
  const { assignment, sectionName, sectionArchivedAt, teacherName, extendedTo } = await loadStudentAssignment(db, actor, assignmentId);
  const submission = await findOwnSubmission(db, actor, assignmentId);
  const images = submission ? await liveImages(db, submission.id) : [];
  return {
    assignment,
    /** The student's own due date (an extension): `assignment` is timed by it already. */
    extendedTo,
    sectionName,
    teacherName,
    submission: submission ?? null,
    draft: submission?.draft ?? emptyDraft(),
    version: submission?.version ?? 0,
    images,
    status: workStatus(submission, await isExcused(db, assignment.id, actor.id)),
    state: editState(
      assignment,
      sectionArchivedAt,
      submission,
      now,
      submission !== undefined && (submission.attemptCount > 0 || hasAnyWork(submission.draft, images.length)),
    ),
  };
}

/** Creates the submission row on first save. Must run inside a write transaction. */
async function ensureSubmission(tx: Tx, actor: SessionUser, assignmentId: string): Promise<Submission> {
  return (
    (await findOwnSubmission(tx, actor, assignmentId)) ??
    (await inserted(tx.insert(submissions).values({ assignmentId, studentId: actor.id, draft: emptyDraft(), version: 0 }).returning()))
  );
}

async function requireEditable(tx: Tx, actor: SessionUser, assignmentId: string, now: Date) {
  const { assignment, sectionArchivedAt } = await loadStudentAssignment(tx, actor, assignmentId);
  const submission = await findOwnSubmission(tx, actor, assignmentId);
  // The graphics are counted only for a draft with nothing else in it, not on every save.
  const kept =
    submission !== undefined &&
    (submission.attemptCount > 0 || hasAnyWork(submission.draft, 0) || (await liveImages(tx, submission.id)).length > 0);
  const state = editState(assignment, sectionArchivedAt, submission, now, kept);
  if (!state.editable) throw new FormError(state.reason, state.code);
  return { assignment, state };
}

export type SaveResult =
  { saved: true; version: number; savedAt: Date } | { saved: false; conflict: { draft: Draft; version: number; savedAt: Date } };

/**
 * Saves the draft if nobody changed it since `baseVersion` (another tab, another device).
 * Otherwise nothing is written and the newer draft comes back, so the student can choose.
 */
export async function saveDraft(
  actor: SessionUser,
  assignmentId: string,
  baseVersion: number,
  draft: Draft,
  now = new Date(),
): Promise<SaveResult> {
  return await writeTransaction(async (tx) => {
    await requireEditable(tx, actor, assignmentId, now);
    const submission = await ensureSubmission(tx, actor, assignmentId);
    if (submission.version !== baseVersion) {
      // The same draft as stored: most likely this very save, sent again because its answer was lost
      // (the phone locked or the connection dropped after the server wrote it). Nothing to choose
      // between, so it is saved, at the version stored, instead of a conflict of two equal versions.
      if (canonicalJson(submission.draft) === canonicalJson(draft)) {
        return { saved: true, version: submission.version, savedAt: submission.updatedAt };
      }
      return { saved: false, conflict: { draft: submission.draft, version: submission.version, savedAt: submission.updatedAt } };
    }
    const updated = (
      await tx
        .update(submissions)
        .set({ draft, version: submission.version + 1, updatedAt: now })
        .where(eq(submissions.id, submission.id))
        .returning({ version: submissions.version })
    )[0]!;
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
  /** A studio card: what it was drawn from (lib/studio/card-text.ts drawnFrom). */
  card?: DrawnCard;
};

/**
 * Before an upload or a card is made: how many graphics the student's design has, and the bytes of
 * every one kept (noRoomFor); refused, as a write would be, when the work can't change any more
 * (closed, returned, archived), so no file is received, decoded or drawn for nothing.
 */
export async function imagesHeld(actor: SessionUser, assignmentId: string, now = new Date()): Promise<ImagesHeld> {
  const db = await getDb();
  await requireEditable(db, actor, assignmentId, now);
  const submission = await findOwnSubmission(db, actor, assignmentId);
  return submission ? await heldBy(db, submission.id) : { live: 0, bytes: 0 };
}

async function heldBy(db: Db, submissionId: string): Promise<ImagesHeld> {
  const [row] = await db
    .select({
      live: sql<number>`coalesce(sum(case when ${submissionImages.deletedAt} is null then 1 else 0 end), 0)`.mapWith(Number),
      bytes: sql<number>`coalesce(sum(${submissionImages.bytes}), 0)`.mapWith(Number),
    })
    .from(submissionImages)
    .where(eq(submissionImages.submissionId, submissionId));
  return row ?? { live: 0, bytes: 0 };
}

/**
 * Adds an already processed and stored image. Refuses a sixth one. `position` is the place the
 * student's page reserved when the file was picked: uploads run side by side and finish in any
 * order, so the order they arrive in is not the order the student chose. Without one, it goes last.
 */
export async function addImage(
  actor: SessionUser,
  assignmentId: string,
  image: NewImage,
  caption: string,
  { position, now = new Date() }: { position?: number; now?: Date } = {},
) {
  return (await addImages(actor, assignmentId, [{ image, caption, position }], now))[0]!;
}

/**
 * Adds processed and stored images in one go (the studio's cards): all of them or, when they would
 * take the draft past the limit, none. Each goes at its `position`, or after the others, in order.
 */
export async function addImages(
  actor: SessionUser,
  assignmentId: string,
  images: { image: NewImage; caption: string; position?: number }[],
  now = new Date(),
) {
  return await writeTransaction(async (tx) => {
    await requireEditable(tx, actor, assignmentId, now);
    const submission = await ensureSubmission(tx, actor, assignmentId);
    const existing = await liveImages(tx, submission.id);
    const held = await heldBy(tx, submission.id);
    const full = noRoomFor(
      held,
      images.length,
      images.reduce((sum, { image }) => sum + image.bytes, 0),
    );
    if (full) throw new FormError(full);
    const last = existing.reduce((max, i) => Math.max(max, i.position), -1) + 1;
    const rows = await tx
      .insert(submissionImages)
      .values(
        images.map(({ image, caption, position }, i) => ({
          submissionId: submission.id,
          ...image,
          caption,
          position: position ?? last + i,
        })),
      )
      .returning();
    await tx.update(submissions).set({ updatedAt: now }).where(eq(submissions.id, submission.id));
    return rows.sort((a, b) => a.position - b.position);
  });
}

export async function updateImageCaption(actor: SessionUser, imageId: string, caption: string, now = new Date()) {
  return await writeTransaction(async (tx) => {
    const { image, submission } = await loadOwnImage(tx, actor, imageId);
    await requireEditable(tx, actor, submission.assignmentId, now);
    await tx.update(submissionImages).set({ caption }).where(eq(submissionImages.id, image.id));
  });
}

/**
 * Removes an image from the draft. One that was part of a submitted attempt is only hidden, so the
 * teacher still sees the attempt as it was; the files of a never-submitted one are queued in
 * pending_file_deletions with the row's removal, and returned for the caller to delete after the
 * commit (lib/server/stored-files.ts).
 */
export async function deleteImage(actor: SessionUser, imageId: string, now = new Date()): Promise<{ deletedKeys: string[] }> {
  return await writeTransaction(async (tx) => {
    const { image, submission } = await loadOwnImage(tx, actor, imageId);
    await requireEditable(tx, actor, submission.assignmentId, now);
    // In an attempt by what the attempts froze, not by time: an upload that commits just before a
    // submit's transaction is in its snapshot, though stamped after the submit's own clock reading.
    const frozen = await tx.select({ snapshot: attempts.snapshot }).from(attempts).where(eq(attempts.submissionId, submission.id));
    const inAnAttempt = frozen.some(({ snapshot }) => snapshot.images.some((i) => i.id === image.id));
    if (inAnAttempt) {
      await tx.update(submissionImages).set({ deletedAt: now }).where(eq(submissionImages.id, image.id));
      return { deletedKeys: [] };
    }
    await tx.delete(submissionImages).where(eq(submissionImages.id, image.id));
    const deletedKeys = [image.storageKey, image.thumbnailKey];
    await queueFileDeletions(tx, deletedKeys, now);
    return { deletedKeys };
  });
}

export const GRAPHICS_CHANGED_ELSEWHERE =
  "A graphic was deleted in another tab or on another device, so nothing was moved. Reload the page to see your graphics as they are now.";

/**
 * Puts the student's graphics in this order. `imageIds` are the ones the student's page has: a
 * graphic that reached the server since (an upload or a studio card whose answer is still on its
 * way to the page, another tab's) is not in it, and goes after them, in the order it had. One in it
 * that is no longer there (deleted elsewhere), or one named twice, moves nothing.
 */
export async function reorderImages(actor: SessionUser, assignmentId: string, imageIds: string[], now = new Date()) {
  return await writeTransaction(async (tx) => {
    await requireEditable(tx, actor, assignmentId, now);
    const submission = await findOwnSubmission(tx, actor, assignmentId);
    const current = submission ? await liveImages(tx, submission.id) : [];
    const present = new Set(current.map((i) => i.id));
    const listed = new Set(imageIds);
    if (listed.size !== imageIds.length || imageIds.some((id) => !present.has(id)))
      throw new FormError(GRAPHICS_CHANGED_ELSEWHERE, "stale");
    const order = [...imageIds, ...current.filter((i) => !listed.has(i.id)).map((i) => i.id)];
    for (const [position, id] of order.entries()) await tx.update(submissionImages).set({ position }).where(eq(submissionImages.id, id));
  });
}

/**
 * Submits the saved draft as a new attempt, stamped with server time (UTC) and marked late after
 * the due date. `baseVersion` proves the student reviewed the latest saved draft.
 */
export async function submitWork(actor: SessionUser, assignmentId: string, baseVersion: number, confirmIncomplete: boolean, at?: Date) {
  return await writeTransaction(async (tx) => {
    // The clock is read once the write lock is held: a hand-in that waited for another's turn past
    // the due date is late, as its submittedAt says (a default parameter read it before waiting).
    const now = at ?? new Date();
    const { assignment, state } = await requireEditable(tx, actor, assignmentId, now);
    const submission = await ensureSubmission(tx, actor, assignmentId);
    if (submission.version !== baseVersion) {
      throw new FormError(
        "Your work changed in another tab or device since you opened this review. Check it again before submitting.",
        "stale",
      );
    }
    const images = await liveImages(tx, submission.id);
    const progress = assessWork(submission.draft, images, assignment.content);
    const incomplete = progress.issues.some((i) => i.level !== "warning");
    if (incomplete && !confirmIncomplete) throw new FormError("Some parts are missing. Confirm that you want to submit anyway.");
    const late = state.window.phase === "late";
    const number = submission.attemptCount + 1;
    const snapshot: AttemptSnapshot = {
      draft: submission.draft,
      images: images.map((i) => ({ id: i.id, caption: i.caption, width: i.width, height: i.height, checks: i.checks })),
    };
    // The same work again would only add a copy to the teacher's list of attempts, and after the due
    // date turn work handed in on time into late work.
    if (submission.attemptCount > 0) {
      const last = (
        await tx
          .select({ snapshot: attempts.snapshot })
          .from(attempts)
          .where(and(eq(attempts.submissionId, submission.id), eq(attempts.number, submission.attemptCount)))
      )[0];
      if (last && sameSubmission(last.snapshot, snapshot, assignment.content)) {
        throw new FormError(
          `Nothing has changed since attempt ${submission.attemptCount}, so there is nothing new to submit: your teacher already has this version.`,
          "unchanged",
        );
      }
      // A star marks the answer the teacher read: an answer this attempt changes is not that one any
      // more, so its star goes (the board and the Class Recap show the latest attempt).
      const before = last?.snapshot.draft.answers ?? {};
      const current = snapshot.draft.answers;
      const changed = [...new Set([...Object.keys(before), ...Object.keys(current)])].filter(
        (q) => (before[q] ?? "") !== (current[q] ?? ""),
      );
      if (changed.length)
        await tx
          .delete(discussionStars)
          .where(and(eq(discussionStars.submissionId, submission.id), inArray(discussionStars.questionId, changed)));
    }
    await tx.insert(attempts).values({ submissionId: submission.id, number, submittedAt: now, late, snapshot });
    await tx
      .update(submissions)
      .set({ submittedAt: now, late, attemptCount: number, updatedAt: now })
      .where(eq(submissions.id, submission.id));
    return { number, late, submittedAt: now };
  });
}

/** Every assignment in the acting student's classes, with where their work stands, soonest due first. */
export async function listStudentAssignments(actor: SessionUser) {
  const rows = await (
    await getDb()
  )
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
      attemptCount: submissions.attemptCount,
      reopenedAttempt: submissions.reopenedAttempt,
      hasSubmission: sql<number>`${submissions.id} is not null`.mapWith(Boolean),
      excused:
        sql<number>`exists (select 1 from ${excusals} where ${excusals.assignmentId} = ${assignments.id} and ${excusals.studentId} = ${actor.id})`.mapWith(
          Boolean,
        ),
      extendedTo: extensions.dueAt,
      // In an archived class nothing can be handed in: it never comes first (studentListOrder).
      archived: sql<number>`${sections.archivedAt} is not null`.mapWith(Boolean),
    })
    .from(assignments)
    .innerJoin(sections, eq(sections.id, assignments.sectionId))
    .leftJoin(submissions, and(eq(submissions.assignmentId, assignments.id), ownWork(actor)))
    .leftJoin(extensions, and(eq(extensions.assignmentId, assignments.id), eq(extensions.studentId, actor.id)))
    .where(enrolledIn(actor, assignments.sectionId))
    .orderBy(asc(assignments.dueAt));
  const listed = rows.map(({ attemptCount, reopenedAttempt, extendedTo, ...row }) => ({
    // Each student's own timing: an extension is their due date (lib/assignment-window.ts studentTiming).
    ...studentTiming(row, extendedTo),
    /** The due date is the student's own (an extension). */
    extended: studentTiming(row, extendedTo) !== row,
    status: workStatus(
      row.hasSubmission
        ? { submittedAt: row.submittedAt, late: Boolean(row.late), returnedAt: row.returnedAt, attemptCount, reopenedAttempt }
        : null,
      row.excused,
    ),
  }));
  // What they can still hand in first; by the student's own due dates: an extended assignment takes its place by the date they have.
  return studentListOrder(listed, new Date());
}

/**
 * An image for someone allowed to see it: the student who uploaded it, or the teacher of the
 * section. Anyone else gets NotFound, as if it did not exist.
 */
export async function getViewableImage(actor: SessionUser, imageId: string) {
  const row = (
    await (
      await getDb()
    )
      .select({ image: submissionImages })
      .from(submissionImages)
      .innerJoin(submissions, eq(submissions.id, submissionImages.submissionId))
      .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
      .innerJoin(sections, eq(sections.id, assignments.sectionId))
      .where(and(eq(submissionImages.id, imageId), actor.role === "teacher" ? taughtBy(actor) : ownWork(actor)))
  )[0];
  if (!row) throw new NotFoundError("image");
  return row.image;
}

export async function listOwnAttempts(actor: SessionUser, assignmentId: string) {
  const db = await getDb();
  const submission = await findOwnSubmission(db, actor, assignmentId);
  if (!submission) return [];
  return await db
    .select({ number: attempts.number, submittedAt: attempts.submittedAt, late: attempts.late, snapshot: attempts.snapshot })
    .from(attempts)
    .where(eq(attempts.submissionId, submission.id))
    .orderBy(desc(attempts.number));
}
