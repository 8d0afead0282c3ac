import "server-only";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { assignments, attempts, discussionStars, enrollments, sections, submissions, users, type Assignment } from "@/db/schema";
import { jsonText } from "@/db/sql";
import { anonymousOrder } from "@/lib/anonymous";
import { FormError, NotFoundError } from "@/lib/errors";
import type { SessionUser } from "./accounts";
import { listSectionAssignments } from "./assignments";
import { activeMemberOf, loadTeacherAssignment, taughtBy, taughtSubmission } from "./ownership";

/**
 * The class discussion of the reflection questions, for the teacher of the section only. Students
 * never reach any of this: every read and write is scoped to sections the acting user teaches.
 */

export type DiscussionAnswer = {
  submissionId: string;
  /** 1, 2, 3… in a stable order per question that says nothing about who wrote the answer. */
  number: number;
  /** Null unless names were asked for: hidden names never leave the server. */
  name: string | null;
  text: string;
  starred: boolean;
};

export type DiscussionQuestion = {
  id: string;
  prompt: string;
  answers: DiscussionAnswer[];
  /** Submitted work that left this question empty. */
  blank: number;
};

export type DiscussionCounts = { students: number; submitted: number; inProgress: number; notStarted: number; excused: number };

export type Discussion = { assignment: Assignment; questions: DiscussionQuestion[]; counts: DiscussionCounts };

/**
 * Every reflection question with the answers of the section's submitted work. Answers come from
 * the latest submitted attempt, not the live draft: a student may keep editing after submitting,
 * and what is projected to the class should be what they chose to hand in. Drafts that were never
 * submitted stay private and are only counted.
 */
export async function getDiscussion(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  options: { showNames: boolean },
): Promise<Discussion> {
  const db = await getDb();
  const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  // Submitted work only: drafts never leave the student's own pages.
  const submitted = await db
    .select({
      // Read only when asked for, so a hidden name is never even loaded.
      name: options.showNames ? users.name : sql<null>`null`,
      submissionId: submissions.id,
      answersJson: jsonText(attempts.snapshot, "draft", "answers"),
      draftAnswers: jsonText(submissions.draft, "answers"),
    })
    .from(enrollments)
    .innerJoin(sections, and(eq(sections.id, enrollments.sectionId), taughtBy(actor)))
    .innerJoin(users, eq(users.id, enrollments.studentId))
    .innerJoin(submissions, and(eq(submissions.assignmentId, assignment.id), eq(submissions.studentId, enrollments.studentId)))
    .leftJoin(attempts, and(eq(attempts.submissionId, submissions.id), eq(attempts.number, submissions.attemptCount)))
    .where(and(eq(enrollments.sectionId, sectionId), isNull(enrollments.removedAt), isNotNull(submissions.submittedAt)));

  // The section page's counts, from the same query, so the two never disagree.
  const stage = (await listSectionAssignments(actor, sectionId)).find((a) => a.id === assignment.id)!;
  const counts: DiscussionCounts = {
    students: stage.enrolled,
    submitted: stage.submitted + stage.late,
    inProgress: stage.inProgress,
    notStarted: stage.notStarted,
    excused: stage.excused,
  };

  const starRows = submitted.length
    ? await db
        .select({ submissionId: discussionStars.submissionId, questionId: discussionStars.questionId })
        .from(discussionStars)
        .where(
          inArray(
            discussionStars.submissionId,
            submitted.map((r) => r.submissionId),
          ),
        )
    : [];
  const stars = new Set(starRows.map((s) => `${s.questionId}:${s.submissionId}`));

  const answersOf = submitted.map((r) => ({
    row: r,
    // A submission always has its attempt; the draft is only a fallback for rows made some other way.
    answers: parseAnswers(r.answersJson ?? r.draftAnswers),
  }));

  const questions = assignment.content.questions.map((question): DiscussionQuestion => {
    const written = answersOf.map(({ row, answers }) => ({ row, text: (answers[question.id] ?? "").trim() })).filter((a) => a.text !== "");
    // Shuffled per question, so "Answer 3" of one question can't be matched with "Answer 3" of the next.
    const order = anonymousOrder(
      `discussion:${assignment.id}:${question.id}`,
      written.map((a) => a.row.submissionId),
    );
    const answers = written
      .map(({ row, text }): DiscussionAnswer => ({
        submissionId: row.submissionId,
        number: order.get(row.submissionId)!,
        name: options.showNames ? row.name : null,
        text,
        starred: stars.has(`${question.id}:${row.submissionId}`),
      }))
      .sort((a, b) => a.number - b.number);
    return { id: question.id, prompt: question.prompt, answers, blank: submitted.length - written.length };
  });

  return { assignment, questions, counts };
}

function parseAnswers(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== "object") return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}

/**
 * Stars or unstars one answer. Only answers that are on the teacher's discussion board can be
 * starred: submitted work of an active student in a section the actor teaches, and a question of
 * that assignment. Anything else is "not found", whoever asks.
 */
export async function setStar(
  actor: SessionUser,
  submissionId: string,
  questionId: string,
  starred: boolean,
  seen?: string,
): Promise<{ starred: boolean }> {
  return await writeTransaction(async (tx) => {
    const row = (
      await tx
        .select({
          content: assignments.content,
          answersJson: jsonText(attempts.snapshot, "draft", "answers"),
          draftAnswers: jsonText(submissions.draft, "answers"),
        })
        .from(submissions)
        .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
        .innerJoin(enrollments, activeMemberOf(assignments.sectionId))
        .leftJoin(attempts, and(eq(attempts.submissionId, submissions.id), eq(attempts.number, submissions.attemptCount)))
        .where(and(eq(submissions.id, submissionId), taughtSubmission(actor), isNotNull(submissions.submittedAt)))
    )[0];
    if (!row) throw new NotFoundError("submission");
    if (!row.content.questions.some((q) => q.id === questionId)) throw new NotFoundError("question");
    // The star goes on the words the teacher read (the board shows the latest attempt): if the student
    // has handed in a different answer since the board was loaded, they read it first.
    if (starred && (parseAnswers(row.answersJson ?? row.draftAnswers)[questionId] ?? "").trim() !== (seen ?? "").trim())
      throw new FormError("This answer has changed since you opened the board. Reload to read it before you star it.", "stale");

    if (starred) {
      await tx.insert(discussionStars).values({ submissionId, questionId, starredBy: actor.id }).onConflictDoNothing();
    } else {
      await tx
        .delete(discussionStars)
        .where(and(eq(discussionStars.submissionId, submissionId), eq(discussionStars.questionId, questionId)));
    }
    return { starred };
  });
}

/**
 * Whose answer one board answer is, for the access log only (the board itself never says): the
 * student of a submitted submission of this assignment, in a section the actor teaches.
 */
export async function answerAuthor(actor: SessionUser, sectionId: string, assignmentId: string, submissionId: string): Promise<string> {
  const db = await getDb();
  const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  const row = (
    await db
      .select({ studentId: submissions.studentId })
      .from(submissions)
      .where(and(eq(submissions.id, submissionId), eq(submissions.assignmentId, assignment.id), taughtSubmission(actor)))
  )[0];
  if (!row) throw new NotFoundError("submission");
  return row.studentId;
}
