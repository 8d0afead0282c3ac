import "../zod-jitless";
import { z } from "zod";
import { DEFAULT_QUEUE_VIEW, isSortValue, QUEUE_FILTERS, QUEUE_PAGE_SIZE, QUEUE_SORTS } from "../grading-queue";
import { assignmentInstant, idSchema, storableText } from "./common";
import { GRADING_LIMITS } from "./limits";

const version = z.number().int().min(0);

export const saveScoreSchema = z
  .object({
    submissionId: idSchema,
    criterionId: storableText().min(1).max(40),
    points: z.number().int().nullable().optional(),
    comment: storableText().max(GRADING_LIMITS.comment, `A comment can be at most ${GRADING_LIMITS.comment} characters.`).optional(),
    baseVersion: version,
  })
  .refine((v) => v.points !== undefined || v.comment !== undefined, "Nothing to save.");

export const saveFeedbackSchema = z.object({
  submissionId: idSchema,
  feedback: storableText().max(GRADING_LIMITS.feedback, `Feedback can be at most ${GRADING_LIMITS.feedback} characters.`),
  baseVersion: version,
});

export const returnWorkSchema = z.object({
  sectionId: idSchema,
  assignmentId: idSchema,
  // Either the attempt on the grading view's screen, or every fully graded submission.
  submission: z.object({ id: idSchema, attempt: z.number().int().min(1).max(10_000) }).optional(),
  allGraded: z.boolean().optional(),
});

/** The Undo of a "Return all graded": the instant it returned the work at (returnWorkAction's answer). */
export const undoReturnAllSchema = z.object({ sectionId: idSchema, assignmentId: idSchema, returnedAt: z.iso.datetime() });

/** Reopens returned work; `undo` takes back a return just made, so its grade never reaches the student. */
export const reopenWorkSchema = z.object({ submissionId: idSchema, undo: z.boolean().optional() });

/**
 * Shows one handed-in attempt of a campaign in the Class Recap, or (`attempt: null`) takes the
 * campaign back out: a value, not a toggle, so a retry can't flip it.
 */
export const recapPickSchema = z.object({ submissionId: idSchema, attempt: z.number().int().min(1).max(10_000).nullable() });

export const anonymousSchema = z.object({ sectionId: idSchema, assignmentId: idSchema, value: z.boolean() });

/** Excuses a student from an assignment, or takes it back: a value, not a toggle, so a retry can't flip it. */
export const excuseSchema = z.object({ sectionId: idSchema, assignmentId: idSchema, studentId: idSchema, excused: z.boolean() });

const extensionDate = assignmentInstant("The new due date");

/**
 * The extension form: one due date of their own for one student (the grading view) or for those
 * selected in the Students list; the server checks it is later than the class's
 * (db/queries/extensions.ts).
 */
export const extendSchema = z.object({
  sectionId: idSchema,
  assignmentId: idSchema,
  studentIds: z.array(idSchema).min(1, "Select a student first.").max(QUEUE_PAGE_SIZE),
  dueAt: extensionDate,
});

/**
 * Students' own due dates set as given, each one's (null: taken back): taking extensions back, and
 * the Undo that puts back what each student had, if their date is still `from`
 * (db/queries/extensions.ts ExtensionChange).
 */
export const extensionsSchema = z.object({
  sectionId: idSchema,
  assignmentId: idSchema,
  dates: z
    .array(z.object({ studentId: idSchema, dueAt: extensionDate.nullable(), from: extensionDate.nullable().optional() }))
    .min(1, "Select a student first.")
    .max(QUEUE_PAGE_SIZE),
});

/** The Students list's "Excuse selected" and its Undo: students of one page of the list. */
export const excuseManySchema = z.object({
  sectionId: idSchema,
  assignmentId: idSchema,
  studentIds: z.array(idSchema).min(1, "Select a student first.").max(QUEUE_PAGE_SIZE),
  excused: z.boolean(),
});

export const bankCommentSchema = z.object({
  criterionTitle: storableText().trim().min(1).max(60),
  text: storableText().trim().min(1, "Write the comment first.").max(GRADING_LIMITS.bankedComment),
});

export const editBankedCommentSchema = z.object({
  id: idSchema,
  text: storableText().trim().min(1, "A comment can't be empty.").max(GRADING_LIMITS.bankedComment),
});

export const bankedCommentIdSchema = z.object({ id: idSchema });

/** The Students list's view, from the address bar: anything unknown falls back to the default view. */
export const queueViewSchema = z.object({
  filter: z.enum(QUEUE_FILTERS).catch(DEFAULT_QUEUE_VIEW.filter),
  sort: z.enum(QUEUE_SORTS).catch(DEFAULT_QUEUE_VIEW.sort),
  dir: z.enum(["asc", "desc"]).catch(DEFAULT_QUEUE_VIEW.dir),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(DEFAULT_QUEUE_VIEW.page),
});

/**
 * The grading view's query: the list's view it was opened from (the order its previous and next
 * walk) and the student's value in its sort when the teacher moved to them (lib/grading-queue.ts
 * `sortValue`). Anything unknown falls back to the class order; a value the sort can't have (a
 * status past the last, a total no database integer holds, a time after 9999), to the student's own.
 */
export const gradingViewSchema = queueViewSchema
  .omit({ page: true })
  .extend({ at: z.coerce.number().optional().catch(undefined) })
  .transform(({ at, ...view }) => ({ ...view, at: at !== undefined && isSortValue(view.sort, at) ? at : undefined }));
