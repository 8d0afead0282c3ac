import { inserted, type DB, type Tx } from "./index";
import { eq } from "drizzle-orm";
import {
  assignments,
  attempts,
  enrollments,
  gradeEvents,
  scores,
  sections,
  submissionImages,
  submissions,
  users,
  type Role,
} from "./schema";
import { DEFAULT_INSTRUCTIONS, DEFAULT_RUBRIC, DEFAULT_TITLE, defaultLessonContent } from "../lib/lesson/default-lesson";
import type { Draft } from "../lib/validations/workspace";
import { generateJoinCode } from "../lib/join-code";
import { sortNameOf } from "../lib/class-order";
import { scoreSummary } from "./score-summary";

/**
 * Plain inserts used by the demo seed and by tests to build their own data. They skip the
 * acting-user checks of db/queries on purpose: there is no acting user when seeding.
 */

type Writer = DB | Tx;

type UserInput = { role: Role; email: string; name: string; active?: boolean; createdAt?: Date };

/** Synchronous, so that it can run inside a write transaction: hash the password first. */
export async function makeUser(db: Writer, input: UserInput & { passwordHash: string }) {
  return await inserted(
    db
      .insert(users)
      .values({ ...input, email: input.email.toLowerCase(), active: input.active ?? true })
      .returning(),
  );
}

export async function makeSection(
  db: Writer,
  input: {
    teacherId: string;
    name: string;
    term?: string | null;
    joinCode?: string;
    joinEnabled?: boolean;
    archivedAt?: Date | null;
    createdAt?: Date;
  },
) {
  return await inserted(
    db
      .insert(sections)
      .values({
        teacherId: input.teacherId,
        name: input.name,
        term: input.term ?? null,
        joinCode: input.joinCode ?? generateJoinCode(),
        joinEnabled: input.joinEnabled ?? true,
        archivedAt: input.archivedAt ?? null,
        ...(input.createdAt ? { createdAt: input.createdAt, updatedAt: input.createdAt } : {}),
      })
      .returning(),
  );
}

export async function enroll(db: Writer, input: { sectionId: string; studentId: string; joinedAt?: Date; removedAt?: Date | null }) {
  const student = (await db.select({ name: users.name }).from(users).where(eq(users.id, input.studentId)))[0];
  return await inserted(
    db
      .insert(enrollments)
      .values({
        sectionId: input.sectionId,
        studentId: input.studentId,
        sortName: sortNameOf(student?.name ?? ""),
        joinedAt: input.joinedAt ?? new Date(),
        removedAt: input.removedAt ?? null,
      })
      .returning(),
  );
}

export async function makeAssignment(db: Writer, input: { sectionId: string } & Partial<typeof assignments.$inferInsert>) {
  return await inserted(
    db
      .insert(assignments)
      .values({
        title: DEFAULT_TITLE,
        instructions: DEFAULT_INSTRUCTIONS,
        dueAt: new Date(Date.now() + 7 * 86_400_000),
        content: defaultLessonContent(),
        rubric: structuredClone(DEFAULT_RUBRIC),
        ...input,
      })
      .returning(),
  );
}

/** The late marks of a submission and of each of its attempts, in order: what re-marking changes. */
export async function lateMarks(db: DB | Tx, submissionId: string) {
  const [row] = await db.select({ late: submissions.late }).from(submissions).where(eq(submissions.id, submissionId));
  const tries = await db
    .select({ late: attempts.late })
    .from(attempts)
    .where(eq(attempts.submissionId, submissionId))
    .orderBy(attempts.number);
  return { submission: row!.late, attempts: tries.map((t) => t.late) };
}

/**
 * A student's work: the draft, its images, and one attempt per submit time given. The last
 * attempt decides the submission's submitted time and late flag, as a real submit would.
 */
export async function makeSubmission(
  db: Writer,
  input: {
    assignment: Pick<typeof assignments.$inferSelect, "id" | "dueAt">;
    studentId: string;
    draft: Draft;
    images?: Omit<typeof submissionImages.$inferInsert, "submissionId" | "position">[];
    submittedAt?: Date[];
    startedAt?: Date;
  },
) {
  const times = input.submittedAt ?? [];
  const last = times.at(-1) ?? null;
  const submission = await inserted(
    db
      .insert(submissions)
      .values({
        assignmentId: input.assignment.id,
        studentId: input.studentId,
        draft: input.draft,
        version: 1,
        startedAt: input.startedAt ?? new Date(),
        updatedAt: last ?? input.startedAt ?? new Date(),
        submittedAt: last,
        late: last ? last > input.assignment.dueAt : false,
        attemptCount: times.length,
      })
      .returning(),
  );
  const images = [];
  for (const [position, image] of (input.images ?? []).entries())
    images.push(
      await inserted(
        db
          .insert(submissionImages)
          .values({ ...image, submissionId: submission.id, position })
          .returning(),
      ),
    );
  for (const [i, submittedAt] of times.entries())
    await db.insert(attempts).values({
      submissionId: submission.id,
      number: i + 1,
      submittedAt,
      late: submittedAt > input.assignment.dueAt,
      snapshot: {
        draft: input.draft,
        images: images.map((im) => ({ id: im.id, caption: im.caption, width: im.width, height: im.height, checks: im.checks })),
      },
    });
  return { submission, images };
}

/** Scores (and optionally feedback and a return) as a teacher would have saved them, with history. */
export async function makeGrade(
  db: Writer,
  input: {
    submissionId: string;
    teacherId: string;
    scores: Record<string, { points: number; comment?: string }>;
    feedback?: string;
    at?: Date;
    returnedAt?: Date | null;
  },
) {
  const at = input.at ?? new Date();
  const { assignmentId } = (
    await db.select({ assignmentId: submissions.assignmentId }).from(submissions).where(eq(submissions.id, input.submissionId))
  )[0]!;
  for (const [criterionId, { points, comment = "" }] of Object.entries(input.scores)) {
    await db
      .insert(scores)
      .values({ submissionId: input.submissionId, criterionId, points, comment, version: 1, updatedBy: input.teacherId, updatedAt: at });
    await db.insert(gradeEvents).values({
      assignmentId,
      submissionId: input.submissionId,
      criterionId,
      field: "points",
      oldValue: null,
      newValue: String(points),
      actorId: input.teacherId,
      at,
    });
  }
  if (input.feedback) {
    await db.update(submissions).set({ feedback: input.feedback, feedbackVersion: 1 }).where(eq(submissions.id, input.submissionId));
    await db.insert(gradeEvents).values({
      assignmentId,
      submissionId: input.submissionId,
      criterionId: null,
      field: "feedback",
      oldValue: "",
      newValue: input.feedback,
      actorId: input.teacherId,
      at,
    });
  }
  await db.update(submissions).set(scoreSummary(input.submissionId)).where(eq(submissions.id, input.submissionId));
  if (input.returnedAt) await db.update(submissions).set({ returnedAt: input.returnedAt }).where(eq(submissions.id, input.submissionId));
}
