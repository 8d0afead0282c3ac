/**
 * The registry of personal data: every table the app keeps, what in it is about a person, why, for
 * how long, who can see it, and how a row leads to its person. The data export, the erasure, the
 * retention purge, docs/privacy.md and the /privacy page are all driven from this list, and
 * registry.test.ts fails when a table of db/schema is missing here, so nothing can be forgotten.
 *
 * Pure data (SQL table and column names as strings): the query layer maps them to its tables.
 */

/** What erasing a person does to the rows that lead to them by one link. */
type Erase =
  /** The rows go. */
  | { delete: true }
  /** The rows stay, with these columns set to null or emptied ("" for a required text column). */
  | { set: Record<string, null | "">; onlyWhere?: { column: string; in: readonly string[] } }
  /** The person cannot be erased while such rows exist (a teacher who still owns sections). */
  | { refuse: string };

/** How a row leads to a person. */
export type PersonLink = {
  /** The column holding the person's account id (or, with `through`, a parent row's id). */
  column: string;
  /** The column is the id of a row of `through.table`, whose `through.column` is the person's account id. */
  through?: { table: string; column: string };
  /** The column holds text ending with the person's email (a sign-in throttle key). */
  endsWithEmail?: true;
  /** What the person is to the row, in a few words ("the student", "who looked"). */
  as: string;
  erase: Erase;
};

export type TableEntry = {
  table: string;
  /** What its rows are, in a family's words ("Class memberships"): a data export's summary lists them so. */
  title: string;
  /** What one row is, in plain words. */
  holds: string;
  purpose: string;
  retention: string;
  visibleTo: string;
  /** The columns that say something about a person, with what each is. */
  columns: Record<string, string>;
  /** How rows lead to their person; empty when the table holds nothing about anyone. */
  links: PersonLink[];
  /** Columns naming another account (a teacher acting on the row): not the row's person. */
  staff?: Record<string, string>;
  /** Columns a data export leaves out (the password hash). */
  neverExported?: readonly string[];
  /** Columns holding storage keys of files: the first is the original the export includes; erasure removes all. */
  files?: readonly string[];
  /**
   * Free text a teacher writes that may name their students (a comment saved to the bank from one
   * student's grading): erasing a student takes their name out of `column` in the rows whose
   * `teacher` is one of the student's teachers (lib/privacy/redact-name.ts).
   */
  namesStudents?: { column: string; teacher: string };
  /**
   * Grading a student sees in the app only once the teacher returns the work, and so in their own
   * export only then too (an administrator's export, for a formal request, holds it all along):
   * `submission` leads to the submission (`id` in submissions itself), or, in a table without one,
   * `work` names its assignment and student columns; while the exporting person's OWN submission
   * there is not returned, `columns` are left empty, or, without `columns`, the rows are left out
   * (with `onlyWhere`, only those rows). Others' work (a teacher's own export of the grading they
   * did) and rows with no hand-in behind them are shown.
   */
  untilReturned?: ({ submission: string } | { work: { assignment: string; student: string } }) & {
    columns?: readonly string[];
    onlyWhere?: { column: string; in: readonly string[] };
  };
};

const THROTTLE_RETENTION =
  "until its 15-minute counting window and any lock have ended, then removed by the daily purge; a successful sign-in clears its own count at once";
export const SIGN_IN_RECORD_DAYS = 90;

const WHILE_ACCOUNT = "as long as the account exists";
const WHILE_WORK = "as long as the student's work: until the section has been archived for RETENTION_DAYS, or the account is erased";

export const PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: "users",
    title: "Accounts",
    holds: "one account: a student, a teacher or an administrator",
    purpose: "signing in, and showing who is who in a class",
    retention: `${WHILE_ACCOUNT}; a deactivated account is removed RETENTION_DAYS after deactivation`,
    visibleTo: "the person; their teachers see name and email; administrators",
    columns: {
      email: "email address (the sign-in name)",
      name: "name as the person gave it",
      password_hash: "a one-way hash of the password (never the password itself)",
      role: "student, teacher or administrator",
      last_sign_in_at: "when they last signed in",
      deactivated_at: "when an administrator deactivated the account",
    },
    links: [{ column: "id", as: "the account holder", erase: { delete: true } }],
    staff: { created_by: "the teacher whose roster import created the account" },
    neverExported: ["password_hash"],
  },
  {
    table: "sections",
    title: "Classes",
    holds: "a class a teacher teaches",
    purpose: "grouping students, assignments and grades",
    retention: "until the teacher's account is removed; archived sections' student work goes after RETENTION_DAYS",
    visibleTo: "the teacher; its students see its name",
    columns: { teacher_id: "the teacher", name: "class name", term: "term" },
    links: [
      {
        column: "teacher_id",
        as: "the teacher",
        erase: {
          refuse: "still owns sections, archived ones included: transfer them to another teacher (Administration → Sections) first",
        },
      },
    ],
  },
  {
    table: "enrollments",
    title: "Class memberships",
    holds: "a student's membership of a class",
    purpose: "who is in which class",
    retention: WHILE_WORK,
    visibleTo: "the student and the class's teacher",
    columns: { student_id: "the student", sort_name: "the student's name, for sorting", joined_at: "when they joined" },
    links: [{ column: "student_id", as: "the student", erase: { delete: true } }],
  },
  {
    table: "invitations",
    title: "Invitations to a class",
    holds: "a teacher's invitation of an existing account to a class",
    purpose: "asking a student's consent before enrolling them",
    retention: "until accepted, declined and cancelled, or the section goes",
    visibleTo: "the student and the inviting teacher",
    columns: { student_id: "the invited student", listed_name: "the name on the teacher's list" },
    links: [{ column: "student_id", as: "the invited student", erase: { delete: true } }],
    staff: { invited_by: "the inviting teacher" },
  },
  {
    table: "sign_in_throttle",
    title: "Counts of failed sign-ins",
    holds:
      "a count of failed sign-ins per email address and network address; of sign-ups turned down per network address; of accounts a teacher's roster previews found outside their classes, per teacher and network address; of class codes that matched no class, per signed-in account or else per network address; of wrong teacher sign-up codes and of accounts made by sign-up, per network address",
    purpose:
      "stopping password guessing, the probing of which addresses have an account or which codes open a class, and accounts made in bulk",
    retention: THROTTLE_RETENTION,
    visibleTo: "nobody in the app (the server only); a person's data export holds the counts keyed by their email alone",
    columns: { key: "email and network address (or a device id, or an account's id) the failures count against" },
    links: [{ column: "key", endsWithEmail: true, as: "the account tried", erase: { delete: true } }],
  },
  {
    table: "assignments",
    title: "Assignments",
    holds: "a teacher's assignment: the lesson, due date and rubric",
    purpose: "the work students are asked to do",
    retention: "until the teacher deletes the section",
    visibleTo: "the teacher and the class",
    columns: {},
    links: [],
  },
  {
    table: "submissions",
    title: "Pieces of work",
    holds: "a student's work on one assignment: the live draft, status, feedback and total",
    purpose: "doing, handing in and grading the work",
    retention: WHILE_WORK,
    visibleTo: "the student and the class's teacher",
    columns: {
      student_id: "the student",
      draft: "the student's answers",
      submitted_at: "when it was handed in",
      feedback: "the teacher's overall feedback to the student",
      earlier_grade: "the grade returned before the teacher reopened the work, for the student to read meanwhile",
      total_points: "the grade",
    },
    links: [{ column: "student_id", as: "the student", erase: { delete: true } }],
    untilReturned: {
      submission: "id",
      columns: ["feedback", "feedback_version", "scored_count", "total_points", "scored_at", "grade_updated_at"],
    },
  },
  {
    table: "submission_images",
    title: "Uploaded images",
    holds: "an image a student uploaded, with its caption",
    purpose: "the graphics the lesson asks for",
    retention: WHILE_WORK,
    visibleTo: "the student and the class's teacher",
    columns: {
      storage_key: "where the original file is stored",
      thumbnail_key: "where its thumbnail is stored",
      caption: "the student's caption",
      card: "for a studio card, the customer and the card's look and words it was drawn with",
    },
    links: [
      { column: "submission_id", through: { table: "submissions", column: "student_id" }, as: "the student", erase: { delete: true } },
    ],
    files: ["storage_key", "thumbnail_key"],
  },
  {
    table: "attempts",
    title: "Handed-in copies of work",
    holds: "a frozen copy of the work each time it is handed in",
    purpose: "the attempt history the teacher grades from",
    retention: WHILE_WORK,
    // The class discussion and the Class Recap show handed-in answers and studio cards, not drafts.
    visibleTo:
      "the student and the class's teacher, who may show its reflection answers and studio card to the class, without the student's name unless they choose to show names in the class discussion",
    columns: { snapshot: "the answers as handed in", submitted_at: "when" },
    links: [
      { column: "submission_id", through: { table: "submissions", column: "student_id" }, as: "the student", erase: { delete: true } },
    ],
  },
  {
    table: "scores",
    title: "Rubric scores and comments",
    holds: "a teacher's score and comment on one rubric criterion",
    purpose: "grading",
    retention: WHILE_WORK,
    visibleTo: "the class's teacher; the student once the work is returned",
    columns: { points: "the score", comment: "the teacher's comment to the student" },
    links: [
      { column: "submission_id", through: { table: "submissions", column: "student_id" }, as: "the student", erase: { delete: true } },
    ],
    staff: { updated_by: "the teacher who scored (emptied when that teacher's account is erased: the score stays)" },
    untilReturned: { submission: "submission_id" },
  },
  {
    table: "grade_events",
    title: "Changes to a grade",
    holds: "one change to a grade: who, when, old and new value",
    purpose: "the grade history a teacher can check",
    retention: "as long as the assignment; on erasure the row stays without the student, and without comment text",
    visibleTo: "the class's teacher",
    columns: { old_value: "the value before (a score or comment text)", new_value: "the value after" },
    links: [
      {
        column: "submission_id",
        through: { table: "submissions", column: "student_id" },
        as: "the student graded",
        erase: {
          set: { submission_id: null, old_value: null, new_value: null },
          onlyWhere: { column: "field", in: ["comment", "feedback"] },
        },
      },
      {
        column: "submission_id",
        through: { table: "submissions", column: "student_id" },
        as: "the student graded",
        erase: { set: { submission_id: null } },
      },
    ],
    staff: { actor_id: "the teacher who changed the grade (emptied when that teacher's account is erased: the change stays)" },
    untilReturned: { submission: "submission_id" },
  },
  {
    table: "banked_comments",
    title: "Saved comments for grading",
    holds: "a teacher's reusable comment",
    purpose: "faster grading",
    retention: "until the teacher deletes it or the account goes",
    visibleTo: "the teacher",
    columns: { text: "the comment (it may name the student it was first written for)" },
    links: [{ column: "teacher_id", as: "the teacher", erase: { delete: true } }],
    namesStudents: { column: "text", teacher: "teacher_id" },
  },
  {
    table: "discussion_stars",
    title: "Stars for a class discussion",
    holds: "a teacher's star on a student's answer, to bring up in class",
    purpose: "the class discussion",
    retention: WHILE_WORK,
    visibleTo: "the class's teacher",
    columns: { question_id: "which answer" },
    links: [
      { column: "submission_id", through: { table: "submissions", column: "student_id" }, as: "the student", erase: { delete: true } },
    ],
    staff: { starred_by: "the teacher" },
  },
  {
    table: "recap_picks",
    title: "Class Recap picks",
    holds: "which student's campaign the teacher chose to show, without a name, in the Class Recap",
    purpose: "the class discussion",
    retention: WHILE_WORK,
    visibleTo: "the class's teacher",
    columns: { assignment_id: "the assignment's recap", created_at: "when it was chosen" },
    links: [
      { column: "submission_id", through: { table: "submissions", column: "student_id" }, as: "the student", erase: { delete: true } },
    ],
  },
  {
    table: "excusals",
    title: "Excusals from an assignment",
    holds: "a student the teacher excused from an assignment (nothing expected, never missing)",
    purpose: "grading: excused work is neither missing nor counted in the gradebook files",
    retention: WHILE_WORK,
    visibleTo: "the student and the class's teacher",
    columns: { assignment_id: "which assignment", created_at: "when" },
    links: [{ column: "student_id", as: "the student", erase: { delete: true } }],
  },
  {
    table: "extensions",
    title: "Extensions of a due date",
    holds: "a student's own due date for an assignment, later than the class's, given by the teacher",
    purpose: "grading: work handed in by that date is on time, and missing only after it",
    retention: WHILE_WORK,
    visibleTo: "the student and the class's teacher",
    columns: { assignment_id: "which assignment", due_at: "the student's own due date", created_at: "when it was first given" },
    links: [{ column: "student_id", as: "the student", erase: { delete: true } }],
  },
  {
    table: "access_log",
    title: "Records of who looked at work",
    holds:
      "who opened, graded, excused, gave more time to, exported or erased a student's work, and when (a teacher who keeps one student's work open is recorded once per 10 minutes); who changed an account (a one-time password, its name, its role, deactivated or reactivated) or gave a class to another teacher",
    purpose: "accountability: a student can see who looked at their work or changed their account",
    retention: "as long as the student's account; on erasure the row stays without the student",
    visibleTo: "the student it is about (in their export) and administrators",
    columns: { actor_name: "who acted", student_id: "the student (or account) it is about", detail: "a fixed description of what" },
    links: [
      { column: "student_id", as: "the student it is about", erase: { set: { student_id: null } } },
      { column: "actor_id", as: "who acted", erase: { set: { actor_id: null, actor_name: "" } } },
    ],
    // Grading ("Ideation score", "Returned", "Return undone") would tell a student their work is being
    // graded, and a return that was taken back, before the teacher returns it: as the scores themselves.
    // Excusing a student (its own action, "excuse") shows at once, draft or none, as in the app.
    untilReturned: { work: { assignment: "assignment_id", student: "student_id" }, onlyWhere: { column: "action", in: ["grade"] } },
  },
  {
    table: "sign_in_events",
    title: "Sign-ins",
    holds: "one successful sign-in",
    purpose: "the account's own record of when it was used",
    retention: `${SIGN_IN_RECORD_DAYS} days`,
    visibleTo: "the account holder (in their export) and administrators",
    columns: { user_id: "the account", at: "when" },
    links: [{ column: "user_id", as: "the account holder", erase: { delete: true } }],
  },
  {
    table: "ended_sessions",
    title: "Signed-out sessions",
    holds: "a session the account holder signed out of, by its random id",
    purpose: "refusing any copy of that session's cookie after the sign-out",
    retention: "until the session's cookie would have expired anyway (30 days after the sign-out), then removed by the daily purge",
    visibleTo: "nobody in the app (the server only); the account holder's data export",
    columns: { user_id: "the account", ends_at: "when the row can go" },
    links: [{ column: "user_id", as: "the account holder", erase: { delete: true } }],
  },
  {
    table: "erasure_requests",
    title: "Scheduled erasures",
    holds: "an administrator's scheduled erasure of a student, while the student's teachers are warned",
    purpose: "giving each teacher of the student the chance to keep their gradebook before the student's work goes",
    retention: "until the student is erased or the administrator cancels the erasure",
    visibleTo: "administrators; the student's teachers see the student's name and the date on their sections",
    columns: {
      student_id: "the student to be erased",
      requested_at: "when the teachers were warned",
      erase_after: "from when the erasure no longer waits",
    },
    links: [{ column: "student_id", as: "the student to be erased", erase: { delete: true } }],
    staff: { requested_by: "the administrator who scheduled it" },
  },
  {
    table: "erasure_acknowledgements",
    title: "Teachers' acknowledgements of an erasure",
    holds: "a teacher's acknowledgement that a student of theirs will be erased",
    purpose: "letting the erasure go ahead once every teacher of the student has kept what they need",
    retention: "until the student is erased or the administrator cancels the erasure",
    visibleTo: "the teacher and administrators",
    columns: { teacher_id: "the teacher", acknowledged_at: "when they acknowledged" },
    links: [
      {
        column: "request_id",
        through: { table: "erasure_requests", column: "student_id" },
        as: "the student to be erased",
        erase: { delete: true },
      },
      { column: "teacher_id", as: "the teacher who acknowledged", erase: { delete: true } },
    ],
  },
  {
    table: "pending_file_deletions",
    title: "Files waiting to be deleted",
    holds: "a stored file waiting to be deleted (its key only)",
    purpose: "finishing an erasure or purge whose file deletion failed",
    retention: "until the file is deleted",
    visibleTo: "nobody in the app",
    columns: {},
    links: [],
  },
];

/** The registry entry for a table, or undefined. */
export function registryEntry(table: string): TableEntry | undefined {
  return PERSONAL_DATA.find((entry) => entry.table === table);
}

/** Where the app keeps data, for the documentation: no third party receives any of it. */
export const STORAGE_PLACES = [
  "The database (SQLite on the school's server, or the school's own PostgreSQL): every table listed below.",
  "Uploaded images: a folder on the school's server, or an S3-compatible bucket only if the school configures its own (STORAGE_URL).",
] as const;

export const SUBPROCESSORS = "None. The app sends nothing to any third party: no analytics, no fonts, scripts or images from elsewhere.";

/** A registry phrase with the retention setting's name replaced by its value, for people to read. */
export function withRetentionDays(text: string, days: number): string {
  return text.replaceAll("RETENTION_DAYS", days === 1 ? "1 day" : `${days} days`);
}
