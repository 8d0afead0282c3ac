"use server";

import { revalidatePath } from "next/cache";
import {
  bankComment,
  deleteBankedComment,
  editBankedComment,
  reopenWork,
  returnWork,
  undoReturnAll,
  saveFeedback,
  saveScore,
  setAnonymous,
} from "@/db/queries/grading";
import { setRecapPick } from "@/db/queries/analytics";
import { setExcused, setExcusedMany } from "@/db/queries/excusals";
import { setExtensions } from "@/db/queries/extensions";
import { action } from "@/lib/server/action";
import {
  anonymousSchema,
  bankCommentSchema,
  bankedCommentIdSchema,
  editBankedCommentSchema,
  excuseManySchema,
  excuseSchema,
  extendSchema,
  extensionsSchema,
  recapPickSchema,
  returnWorkSchema,
  undoReturnAllSchema,
  saveFeedbackSchema,
  saveScoreSchema,
  reopenWorkSchema,
} from "@/lib/validations/grading";

/** Background saves from the grading view; a conflict comes back as data, not an error. */
export const saveScoreAction = action(
  "teacher",
  saveScoreSchema,
  async (input, user) =>
    await saveScore(user, input.submissionId, input.criterionId, { points: input.points, comment: input.comment }, input.baseVersion),
);

export const saveFeedbackAction = action(
  "teacher",
  saveFeedbackSchema,
  async (input, user) => await saveFeedback(user, input.submissionId, input.feedback, input.baseVersion),
);

export const returnWorkAction = action("teacher", returnWorkSchema, async (input, user) => {
  const which = input.allGraded
    ? "graded"
    : input.submission
      ? { submissionId: input.submission.id, attempt: input.submission.attempt }
      : [];
  // The instant every submission returned here carries: what "Return all graded"'s Undo takes back.
  const returnedAt = new Date();
  const count = await returnWork(user, input.sectionId, input.assignmentId, which, returnedAt);
  revalidatePath(`/sections/${input.sectionId}/assignments/${input.assignmentId}`, "layout");
  return { count, returnedAt: returnedAt.toISOString() };
});

/** "Return all graded"'s Undo: the work it returned goes back to graded, unless returned again or reopened since. */
export const undoReturnAllAction = action("teacher", undoReturnAllSchema, async (input, user) => {
  const undone = await undoReturnAll(user, input.sectionId, input.assignmentId, new Date(input.returnedAt));
  revalidatePath(`/sections/${input.sectionId}/assignments/${input.assignmentId}`, "layout");
  return { undone };
});

export const reopenWorkAction = action("teacher", reopenWorkSchema, async (input, user) => {
  return await reopenWork(user, input.submissionId, { undo: input.undo ?? false });
});

export const setAnonymousAction = action("teacher", anonymousSchema, async (input, user) => {
  await setAnonymous(user, input.sectionId, input.assignmentId, input.value);
  revalidatePath(`/sections/${input.sectionId}/assignments/${input.assignmentId}`, "layout");
  return { anonymous: input.value };
});

export const bankCommentAction = action("teacher", bankCommentSchema, async (input, user) => {
  const row = await bankComment(user, input.criterionTitle, input.text);
  return { id: row.id, criterionKey: row.criterionKey, text: row.text };
});

export const editBankedCommentAction = action("teacher", editBankedCommentSchema, async (input, user) => {
  await editBankedComment(user, input.id, input.text);
  return null;
});

export const deleteBankedCommentAction = action("teacher", bankedCommentIdSchema, async (input, user) => {
  await deleteBankedComment(user, input.id);
  return null;
});

/** The campaign the Class Recap shows (the page asks for it fresh each time: nothing to revalidate). */
export const setRecapPickAction = action(
  "teacher",
  recapPickSchema,
  async (input, user) => await setRecapPick(user, input.submissionId, input.attempt),
);

/** Excuses the student from the assignment, or takes it back; the Students list and section page count it. */
export const setExcusedAction = action("teacher", excuseSchema, async (input, user) => {
  const state = await setExcused(user, input.sectionId, input.assignmentId, input.studentId, input.excused);
  revalidatePath(`/sections/${input.sectionId}`, "layout");
  return state;
});

/** Excuses the students selected in the Students list, or (its Undo) takes their excusals back. */
export const setExcusedManyAction = action("teacher", excuseManySchema, async (input, user) => {
  const { changed, handedIn } = await setExcusedMany(user, input.sectionId, input.assignmentId, input.studentIds, input.excused);
  revalidatePath(`/sections/${input.sectionId}`, "layout");
  return { changed, handedIn: handedIn.length };
});

/**
 * Gives students their own due date for the assignment (an extension): one from the grading view,
 * or those selected in the Students list. The Students list, the section page and the student's own
 * page all follow it; `changed` says what each student changed had before, for an Undo.
 */
export const extendAction = action("teacher", extendSchema, async (input, user) => {
  const dates = input.studentIds.map((studentId) => ({ studentId, dueAt: input.dueAt }));
  const changed = changedDates(input.sectionId, await setExtensions(user, input.sectionId, input.assignmentId, dates));
  return { extendedTo: input.dueAt.toISOString(), ...changed };
});

/**
 * Takes extensions back, or (an Undo) puts back the dates students had, where nobody has changed
 * them since (`changedSince` counts those left).
 */
export const setExtensionsAction = action("teacher", extensionsSchema, async (input, user) => {
  const result = await setExtensions(user, input.sectionId, input.assignmentId, input.dates);
  return { ...changedDates(input.sectionId, result), changedSince: result.changedSince.length };
});

function changedDates(sectionId: string, { changed }: { changed: { studentId: string; before: Date | null }[] }) {
  revalidatePath(`/sections/${sectionId}`, "layout");
  return { changed: changed.map(({ studentId, before }) => ({ studentId, dueAt: before?.toISOString() ?? null })) };
}
