import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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

export const ROLES = ["teacher", "student"] as const;
export type Role = (typeof ROLES)[number];

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
  (t) => [
    uniqueIndex("sections_join_code_unique").on(t.joinCode),
    index("sections_teacher_idx").on(t.teacherId),
  ],
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
  },
  (t) => [
    uniqueIndex("enrollments_section_student_unique").on(t.sectionId, t.studentId),
    index("enrollments_student_idx").on(t.studentId),
  ],
);

// One row per e-mail address (existing account or not), so throttling reveals nothing.
export const signInAttempts = sqliteTable("sign_in_attempts", {
  email: text("email").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at").notNull(),
  lockedUntil: timestamp("locked_until"),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Section = typeof sections.$inferSelect;
export type Enrollment = typeof enrollments.$inferSelect;
export type SignInAttempt = typeof signInAttempts.$inferSelect;

