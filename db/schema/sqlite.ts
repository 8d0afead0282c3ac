import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { ImageChecks } from "../../lib/image-checks";
import type { DrawnCard } from "../../lib/studio/card-text";
import { ACCESS_ACTIONS, APPROVAL_STATES, ROLES } from "../../lib/roles";
import type { EarlierGrade } from "../../lib/grading";
import type { Rubric, StoredLessonContent } from "../../lib/lesson/types";
import type { AttemptSnapshot, Draft } from "../../lib/validations/workspace";

// All timestamps are UTC instants stored as milliseconds since the epoch.
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .$defaultFn(() => new Date());
const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

export { ROLES, type Role } from "../../lib/roles";

export const users = sqliteTable(
  "users",
  {
    id: id(),
    // Always stored lower-cased; the unique index makes two accounts per address impossible.
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // Bumped to invalidate every JWT issued before ("sign out everywhere", password change).
    sessionVersion: integer("session_version").notNull().default(1),
    // Set for accounts a teacher created with a one-time password: the first sign-in must pick a new one.
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    // The teacher whose roster import created this account: the only one who may replace its
    // one-time password, and only while nobody has signed in to it (see docs/decisions/006).
    createdBy: text("created_by").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    lastSignInAt: timestamp("last_sign_in_at"),
    // When an administrator deactivated the account (null while active): `npm run purge` removes an
    // account deactivated more than RETENTION_DAYS ago.
    deactivatedAt: timestamp("deactivated_at"),
    // A teacher who signed up under TEACHER_SIGNUP=approval waits at "pending" until an
    // administrator approves ("approved") or refuses ("refused"); everyone else is "approved".
    approval: text("approval", { enum: APPROVAL_STATES }).notNull().default("approved"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date())
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const sections = sqliteTable(
  "sections",
  {
    id: id(),
    teacherId: text("teacher_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    term: text("term"),
    joinCode: text("join_code").notNull(),
    joinEnabled: integer("join_enabled", { mode: "boolean" }).notNull().default(true),
    archivedAt: timestamp("archived_at"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date())
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("sections_join_code_unique").on(t.joinCode), index("sections_teacher_idx").on(t.teacherId)],
);

export const enrollments = sqliteTable(
  "enrollments",
  {
    id: id(),
    sectionId: text("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: timestamp("joined_at")
      .notNull()
      .$defaultFn(() => new Date()),
    // A removed enrollment is kept (with everything the student made) so it can be restored.
    removedAt: timestamp("removed_at"),
    // The student's name, lower-cased, copied here so a class lists in name order straight from an
    // index: the Students list and the grading view's previous/next cost the same for 30 students
    // or 5,000 (docs/decisions/008-class-size.md). Set on insert, from the account's name.
    sortName: text("sort_name").notNull(),
    // A random key that orders the class for anonymous grading ("Student N"), unrelated to names
    // or join order; indexed like sortName.
    anonKey: text("anon_key")
      .notNull()
      .$defaultFn(() => crypto.randomUUID()),
  },
  (t) => [
    uniqueIndex("enrollments_section_student_unique").on(t.sectionId, t.studentId),
    index("enrollments_student_idx").on(t.studentId),
    index("enrollments_active_by_name_idx")
      .on(t.sectionId, t.sortName, t.studentId)
      .where(sql`${t.removedAt} is null`),
    index("enrollments_active_by_anon_idx")
      .on(t.sectionId, t.anonKey, t.studentId)
      .where(sql`${t.removedAt} is null`),
  ],
);

/**
 * Invitations to a section for accounts the teacher did not create: an existing account is never
 * enrolled without its owner's consent. The student accepts or declines on "My classes".
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    sectionId: text("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The name as the teacher's list gave it: the roster shows this, never the account's own name.
    listedName: text("listed_name").notNull(),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    declinedAt: timestamp("declined_at"),
  },
  (t) => [uniqueIndex("invitations_section_student_unique").on(t.sectionId, t.studentId), index("invitations_student_idx").on(t.studentId)],
);

/**
 * Sign-in failures per throttle key: one key per account and client address (so failures from one
 * address never lock the owner out elsewhere) and one per client address across all accounts.
 * Keys exist for unknown addresses too, so throttling reveals nothing.
 */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at").notNull(),
  lockedUntil: timestamp("locked_until"),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Section = typeof sections.$inferSelect;
export type Enrollment = typeof enrollments.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;

// ——— The lesson: assignments, students' work, attempts, scores ———

export const assignments = sqliteTable(
  "assignments",
  {
    id: id(),
    sectionId: text("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    instructions: text("instructions").notNull(),
    dueAt: timestamp("due_at").notNull(),
    acceptLate: integer("accept_late", { mode: "boolean" }).notNull().default(true),
    // After this instant nothing can be submitted or saved; drafts are kept.
    closeAt: timestamp("close_at"),
    // Each assignment owns a copy of the lesson, so editing one never changes another.
    content: text("content", { mode: "json" }).$type<StoredLessonContent>().notNull(),
    rubric: text("rubric", { mode: "json" }).$type<Rubric>().notNull(),
    // Hides student names while grading until the teacher reveals them.
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date())
      .$onUpdate(() => new Date()),
  },
  (t) => [index("assignments_section_idx").on(t.sectionId)],
);

/** One per student and assignment: the live draft plus where it stands. */
export const submissions = sqliteTable(
  "submissions",
  {
    id: id(),
    assignmentId: text("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    draft: text("draft", { mode: "json" }).$type<Draft>().notNull(),
    // Bumped on every change (text or images); a save based on an older version is a conflict.
    version: integer("version").notNull().default(1),
    startedAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
    submittedAt: timestamp("submitted_at"),
    late: integer("late", { mode: "boolean" }).notNull().default(false),
    attemptCount: integer("attempt_count").notNull().default(0),
    returnedAt: timestamp("returned_at"),
    // Set when a grade changes after the work was returned, so the student sees "updated".
    gradeUpdatedAt: timestamp("grade_updated_at"),
    feedback: text("feedback").notNull().default(""),
    // The grade returned before the teacher reopened the work, shown to the student meanwhile.
    earlierGrade: text("earlier_grade", { mode: "json" }).$type<EarlierGrade>(),
    // The attempt the teacher reopened: while attempt_count still equals it and nothing is returned,
    // the work is "reopened", the student's to hand in again (lib/workspace.ts workStatus, db/queries/queue.ts reopenedWork).
    reopenedAttempt: integer("reopened_attempt"),
    // Like scores.version: a save based on an older version is a conflict, never an overwrite.
    feedbackVersion: integer("feedback_version").notNull().default(0),
    // A summary of this submission's scores, kept by saveScore in the same transaction, so lists
    // never read every score to show a status or a total: criteria with points, their sum (null
    // while none has points) and when any score last changed.
    scoredCount: integer("scored_count").notNull().default(0),
    totalPoints: integer("total_points"),
    scoredAt: timestamp("scored_at"),
  },
  (t) => [
    uniqueIndex("submissions_assignment_student_unique").on(t.assignmentId, t.studentId),
    index("submissions_student_idx").on(t.studentId),
  ],
);

export const submissionImages = sqliteTable(
  "submission_images",
  {
    id: id(),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    storageKey: text("storage_key").notNull(),
    thumbnailKey: text("thumbnail_key").notNull(),
    mime: text("mime").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    caption: text("caption").notNull().default(""),
    position: integer("position").notNull(),
    checks: text("checks", { mode: "json" }).$type<ImageChecks>().notNull(),
    // A studio card: what it was drawn from, so the workspace can say when the card has changed since.
    card: text("card", { mode: "json" }).$type<DrawnCard>(),
    createdAt: createdAt(),
    // Removed from the draft but still shown in the attempts that included it.
    deletedAt: timestamp("deleted_at"),
  },
  (t) => [index("submission_images_submission_idx").on(t.submissionId)],
);

/** A frozen copy of the work at each submit, for the teacher's attempt history. */
export const attempts = sqliteTable(
  "attempts",
  {
    id: id(),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    submittedAt: timestamp("submitted_at").notNull(),
    late: integer("late", { mode: "boolean" }).notNull(),
    snapshot: text("snapshot", { mode: "json" }).$type<AttemptSnapshot>().notNull(),
  },
  (t) => [uniqueIndex("attempts_submission_number_unique").on(t.submissionId, t.number)],
);

/** A criterion's score on a submission (grading builds on this; its presence locks the rubric). */
export const scores = sqliteTable(
  "scores",
  {
    id: id(),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    criterionId: text("criterion_id").notNull(),
    points: integer("points"),
    comment: text("comment").notNull().default(""),
    version: integer("version").notNull().default(1),
    // The teacher who scored; null once their account is erased (a teacher who left, purged after
    // their sections went to a colleague): the score stays, by "a former teacher".
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex("scores_submission_criterion_unique").on(t.submissionId, t.criterionId)],
);

/** Every grade change: who, when, what, old → new. */
export const gradeEvents = sqliteTable(
  "grade_events",
  {
    id: id(),
    // The assignment the change was made in: it stays when an erased student's submission goes
    // (submissionId becomes null), so the history keeps that a change happened but not to whom.
    assignmentId: text("assignment_id").references(() => assignments.id, { onDelete: "cascade" }),
    submissionId: text("submission_id").references(() => submissions.id, { onDelete: "set null" }),
    // null for the overall feedback
    criterionId: text("criterion_id"),
    field: text("field", { enum: ["points", "comment", "feedback"] }).notNull(),
    oldValue: text("old_value"),
    newValue: text("new_value"),
    // Who changed it; null once their account is erased, as scores.updated_by.
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at").notNull(),
  },
  (t) => [index("grade_events_submission_idx").on(t.submissionId, t.at), index("grade_events_assignment_idx").on(t.assignmentId)],
);

/** A teacher's reusable comments, per criterion title, shared across all their assignments. */
export const bankedComments = sqliteTable(
  "banked_comments",
  {
    id: id(),
    teacherId: text("teacher_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The criterion's title, normalized: "Ideation" in one assignment is "Ideation" in the next.
    criterionKey: text("criterion_key").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("banked_comments_teacher_idx").on(t.teacherId, t.criterionKey)],
);

/** Answers a teacher marked to bring up in the class discussion: one star per answer (submission × question). */
export const discussionStars = sqliteTable(
  "discussion_stars",
  {
    id: id(),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    starredBy: text("starred_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("discussion_stars_submission_question_unique").on(t.submissionId, t.questionId)],
);

/**
 * A student the teacher excused from an assignment (a long absence, a late join): while nothing is
 * handed in, their work is "Excused", never missing, and the gradebook files leave its points empty.
 */
export const excusals = sqliteTable(
  "excusals",
  {
    id: id(),
    assignmentId: text("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("excusals_assignment_student_unique").on(t.assignmentId, t.studentId), index("excusals_student_idx").on(t.studentId)],
);

/**
 * A student's own due date for an assignment (an extension: an accommodation, an absence), always
 * later than the class's: they hand in on time until it, their work is missing only after it, and
 * a close date before it is moved to it for them.
 */
export const extensions = sqliteTable(
  "extensions",
  {
    id: id(),
    assignmentId: text("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    dueAt: timestamp("due_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("extensions_assignment_student_unique").on(t.assignmentId, t.studentId),
    index("extensions_student_idx").on(t.studentId),
  ],
);

/** The campaign a teacher chose for an assignment's Class Recap (without one, the best-graded that draws): one per assignment. */
export const recapPicks = sqliteTable(
  "recap_picks",
  {
    assignmentId: text("assignment_id")
      .primaryKey()
      .references(() => assignments.id, { onDelete: "cascade" }),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    /** The attempt the teacher chose, as handed in: a later one does not replace it on the projector. */
    attempt: integer("attempt").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("recap_picks_submission_idx").on(t.submissionId)],
);

/**
 * Who opened, graded, exported or erased a student's work, and when (db/queries/access-log.ts). The
 * app only ever inserts here: no query updates or deletes a row, except `npm run purge` and the
 * erasure of the student it is about (whose id becomes null). The student's data export lists it.
 */
export const accessLog = sqliteTable(
  "access_log",
  {
    id: id(),
    at: timestamp("at")
      .notNull()
      .$defaultFn(() => new Date()),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    // Copied so the line still reads when the account is gone.
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role", { enum: ROLES }).notNull(),
    action: text("action", { enum: ACCESS_ACTIONS }).notNull(),
    // The student whose work or data it was; null for a whole-class export, or once they are erased.
    studentId: text("student_id").references(() => users.id, { onDelete: "set null" }),
    sectionId: text("section_id").references(() => sections.id, { onDelete: "set null" }),
    assignmentId: text("assignment_id").references(() => assignments.id, { onDelete: "set null" }),
    // A short description the app writes: a fixed phrase ("Ideation score") or an export's file name,
    // which carries the section's or assignment's name as the teacher typed it; never what a student wrote.
    detail: text("detail").notNull().default(""),
  },
  (t) => [
    index("access_log_at_idx").on(t.at),
    index("access_log_student_idx").on(t.studentId, t.at),
    index("access_log_actor_idx").on(t.actorId, t.at),
  ],
);

/** Each successful sign-in (the account's own record, in its data export); kept 90 days. */
export const signInEvents = sqliteTable(
  "sign_in_events",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    at: timestamp("at").notNull(),
  },
  (t) => [index("sign_in_events_user_idx").on(t.userId, t.at), index("sign_in_events_at_idx").on(t.at)],
);

/**
 * Sessions signed out on the device that held them: their JWTs are refused from then on, so a copy
 * of the cookie (taken from a shared computer, say) dies with the sign-out. A row can go once
 * `ends_at` has passed, when no token of that session could still be valid anyway (`npm run purge`).
 */
export const endedSessions = sqliteTable(
  "ended_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endsAt: timestamp("ends_at").notNull(),
  },
  (t) => [index("ended_sessions_user_idx").on(t.userId), index("ended_sessions_ends_at_idx").on(t.endsAt)],
);

/**
 * Stored files whose rows are gone (an erasure, a purge) but which could not be deleted yet: the
 * next `npm run purge` tries again. Only storage keys, never anything about the person.
 */
export const pendingFileDeletions = sqliteTable("pending_file_deletions", {
  storageKey: text("storage_key").primaryKey(),
  queuedAt: timestamp("queued_at").notNull(),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
});

/**
 * An administrator's scheduled erasure of a student (issue 13): the student's teachers are warned on
 * their sections and may download their gradebook first. The erasure itself is possible once every
 * teacher of the student has acknowledged, or once `erase_after` has passed; one request per student.
 */
export const erasureRequests = sqliteTable(
  "erasure_requests",
  {
    id: id(),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    requestedAt: timestamp("requested_at").notNull(),
    // Now + ERASURE_NOTICE_DAYS when scheduled: past it, the erasure no longer waits for anyone.
    eraseAfter: timestamp("erase_after").notNull(),
  },
  (t) => [uniqueIndex("erasure_requests_student_unique").on(t.studentId)],
);

/** A teacher's "I've kept what I need" on a scheduled erasure of one of their students. */
export const erasureAcknowledgements = sqliteTable(
  "erasure_acknowledgements",
  {
    id: id(),
    requestId: text("request_id")
      .notNull()
      .references(() => erasureRequests.id, { onDelete: "cascade" }),
    teacherId: text("teacher_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    acknowledgedAt: timestamp("acknowledged_at").notNull(),
  },
  // One per teacher and request. An id of its own, as every table has (scripts/db-copy.ts copies by it).
  (t) => [
    uniqueIndex("erasure_acknowledgements_request_teacher_unique").on(t.requestId, t.teacherId),
    index("erasure_acknowledgements_teacher_idx").on(t.teacherId),
  ],
);

export type Assignment = typeof assignments.$inferSelect;
export type Submission = typeof submissions.$inferSelect;
export type SubmissionImage = typeof submissionImages.$inferSelect;
export type Attempt = typeof attempts.$inferSelect;
export type DiscussionStar = typeof discussionStars.$inferSelect;
export type AccessLogEntry = typeof accessLog.$inferSelect;
