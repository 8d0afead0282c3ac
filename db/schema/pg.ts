// The PostgreSQL declaration of the schema in ./sqlite.ts, table for table and column for column
// (what each column means is written there). db/schema/parity.test.ts fails when the two differ in
// tables, columns, types, defaults, keys, indexes or constraints; docs/decisions/010-postgresql.md.
import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp as pgTimestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import type { ImageChecks } from "../../lib/image-checks";
import type { DrawnCard } from "../../lib/studio/card-text";
import { ACCESS_ACTIONS, APPROVAL_STATES, ROLES } from "../../lib/roles";
import type { EarlierGrade } from "../../lib/grading";
import type { Rubric, StoredLessonContent } from "../../lib/lesson/types";
import type { AttemptSnapshot, Draft } from "../../lib/validations/workspace";

const timestamp = (name: string) => pgTimestamp(name, { withTimezone: true, mode: "date", precision: 3 });
const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .$defaultFn(() => new Date());
// Sort keys compare byte by byte, as SQLite's BINARY does, whatever the server's default collation.
const sortKey = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });
const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    active: boolean("active").notNull().default(true),
    sessionVersion: integer("session_version").notNull().default(1),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    createdBy: text("created_by").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    lastSignInAt: timestamp("last_sign_in_at"),
    deactivatedAt: timestamp("deactivated_at"),
    approval: text("approval", { enum: APPROVAL_STATES }).notNull().default("approved"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date())
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const sections = pgTable(
  "sections",
  {
    id: id(),
    teacherId: text("teacher_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    term: text("term"),
    joinCode: text("join_code").notNull(),
    joinEnabled: boolean("join_enabled").notNull().default(true),
    archivedAt: timestamp("archived_at"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date())
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("sections_join_code_unique").on(t.joinCode), index("sections_teacher_idx").on(t.teacherId)],
);

export const enrollments = pgTable(
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
    removedAt: timestamp("removed_at"),
    sortName: sortKey("sort_name").notNull(),
    anonKey: sortKey("anon_key")
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

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    sectionId: text("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    listedName: text("listed_name").notNull(),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    declinedAt: timestamp("declined_at"),
  },
  (t) => [uniqueIndex("invitations_section_student_unique").on(t.sectionId, t.studentId), index("invitations_student_idx").on(t.studentId)],
);

export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at").notNull(),
  lockedUntil: timestamp("locked_until"),
});

export const assignments = pgTable(
  "assignments",
  {
    id: id(),
    sectionId: text("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    instructions: text("instructions").notNull(),
    dueAt: timestamp("due_at").notNull(),
    acceptLate: boolean("accept_late").notNull().default(true),
    closeAt: timestamp("close_at"),
    content: jsonb("content").$type<StoredLessonContent>().notNull(),
    rubric: jsonb("rubric").$type<Rubric>().notNull(),
    anonymous: boolean("anonymous").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date())
      .$onUpdate(() => new Date()),
  },
  (t) => [index("assignments_section_idx").on(t.sectionId)],
);

export const submissions = pgTable(
  "submissions",
  {
    id: id(),
    assignmentId: text("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    draft: jsonb("draft").$type<Draft>().notNull(),
    version: integer("version").notNull().default(1),
    startedAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
    submittedAt: timestamp("submitted_at"),
    late: boolean("late").notNull().default(false),
    attemptCount: integer("attempt_count").notNull().default(0),
    returnedAt: timestamp("returned_at"),
    gradeUpdatedAt: timestamp("grade_updated_at"),
    feedback: text("feedback").notNull().default(""),
    earlierGrade: jsonb("earlier_grade").$type<EarlierGrade>(),
    reopenedAttempt: integer("reopened_attempt"),
    feedbackVersion: integer("feedback_version").notNull().default(0),
    scoredCount: integer("scored_count").notNull().default(0),
    totalPoints: integer("total_points"),
    scoredAt: timestamp("scored_at"),
  },
  (t) => [
    uniqueIndex("submissions_assignment_student_unique").on(t.assignmentId, t.studentId),
    index("submissions_student_idx").on(t.studentId),
  ],
);

export const submissionImages = pgTable(
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
    checks: jsonb("checks").$type<ImageChecks>().notNull(),
    card: jsonb("card").$type<DrawnCard>(),
    createdAt: createdAt(),
    deletedAt: timestamp("deleted_at"),
  },
  (t) => [index("submission_images_submission_idx").on(t.submissionId)],
);

export const attempts = pgTable(
  "attempts",
  {
    id: id(),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    submittedAt: timestamp("submitted_at").notNull(),
    late: boolean("late").notNull(),
    snapshot: jsonb("snapshot").$type<AttemptSnapshot>().notNull(),
  },
  (t) => [uniqueIndex("attempts_submission_number_unique").on(t.submissionId, t.number)],
);

export const scores = pgTable(
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

export const gradeEvents = pgTable(
  "grade_events",
  {
    id: id(),
    assignmentId: text("assignment_id").references(() => assignments.id, { onDelete: "cascade" }),
    submissionId: text("submission_id").references(() => submissions.id, { onDelete: "set null" }),
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

export const bankedComments = pgTable(
  "banked_comments",
  {
    id: id(),
    teacherId: text("teacher_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    criterionKey: text("criterion_key").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("banked_comments_teacher_idx").on(t.teacherId, t.criterionKey)],
);

export const discussionStars = pgTable(
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

export const excusals = pgTable(
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
export const extensions = pgTable(
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

export const recapPicks = pgTable(
  "recap_picks",
  {
    assignmentId: text("assignment_id")
      .primaryKey()
      .references(() => assignments.id, { onDelete: "cascade" }),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("recap_picks_submission_idx").on(t.submissionId)],
);

export const accessLog = pgTable(
  "access_log",
  {
    id: id(),
    at: timestamp("at")
      .notNull()
      .$defaultFn(() => new Date()),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role", { enum: ROLES }).notNull(),
    action: text("action", { enum: ACCESS_ACTIONS }).notNull(),
    studentId: text("student_id").references(() => users.id, { onDelete: "set null" }),
    sectionId: text("section_id").references(() => sections.id, { onDelete: "set null" }),
    assignmentId: text("assignment_id").references(() => assignments.id, { onDelete: "set null" }),
    detail: text("detail").notNull().default(""),
  },
  (t) => [
    index("access_log_at_idx").on(t.at),
    index("access_log_student_idx").on(t.studentId, t.at),
    index("access_log_actor_idx").on(t.actorId, t.at),
  ],
);

export const signInEvents = pgTable(
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
export const endedSessions = pgTable(
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

export const pendingFileDeletions = pgTable("pending_file_deletions", {
  storageKey: text("storage_key").primaryKey(),
  queuedAt: timestamp("queued_at").notNull(),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
});

export const erasureRequests = pgTable(
  "erasure_requests",
  {
    id: id(),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    requestedAt: timestamp("requested_at").notNull(),
    eraseAfter: timestamp("erase_after").notNull(),
  },
  (t) => [uniqueIndex("erasure_requests_student_unique").on(t.studentId)],
);

export const erasureAcknowledgements = pgTable(
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
