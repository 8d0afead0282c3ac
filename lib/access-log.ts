import type { AccessAction, Role } from "@/lib/roles";

/** What the administrator's filter offers for each action, in their words. */
export const ACCESS_ACTION_LABELS: Record<AccessAction, string> = {
  view_work: "Opened work",
  grade: "Graded",
  excuse: "Excused, or took an excusal back",
  extend: "Gave or took back an extension",
  export_grades: "Downloaded grades",
  export_roster: "Downloaded a roster",
  export_data: "Downloaded a student's data",
  schedule_erasure: "Scheduled an erasure",
  cancel_erasure: "Cancelled an erasure",
  erase: "Erased a student or a deactivated account",
  account: "Changed an account (password, name, role, active)",
  transfer_section: "Moved a section to another teacher",
};

/** The detail of the "transfer_section" row about the teacher who had the section (the other names who has it now). */
export const SECTION_TAKEN_AWAY = "Taken from this teacher";

/**
 * The details of an "account" row: what an administrator changed of someone's account (or a
 * teacher, giving a lost slip's student a new one-time password). Each gives access to the account,
 * or changes who may see what, so each is on record (the row's student is the account, whatever
 * its role). Fixed words, never a name: a row outlives the account it is about.
 */
export const ACCOUNT_CHANGES = {
  oneTimePassword: "One-time password given",
  deactivated: "Deactivated",
  reactivated: "Reactivated",
  renamed: "Name corrected",
  madeTeacher: "Made a teacher",
  madeStudent: "Made a student",
  approved: "Approved as a teacher",
  refused: "Refused as a teacher",
} as const;

type Described = {
  action: AccessAction;
  detail: string;
  actorName: string;
  actorRole: Role;
  studentName: string | null;
  studentId: string | null;
  assignmentTitle: string | null;
  sectionName: string | null;
};

/**
 * The details of an "excuse" row: the student excused from an assignment, or the excusal taken back.
 * Not grading: the student sees it at once, work or no work, so their own data export shows it too.
 */
export const EXCUSED = "Excused from the assignment";
export const EXCUSAL_TAKEN_BACK = "Excusal taken back";

/**
 * The details of an "extend" row: the student's own due date, written in UTC (the log is read in
 * many time zones), or the extension taken back. The student sees an extension at once, too.
 */
export const EXTENSION_TAKEN_BACK = "Extension taken back";
export const extendedDetail = (dueAt: Date) =>
  `until ${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(dueAt)} UTC`;

/** The detail of an access-log row that records someone's export of their own data. */
export const OWN_DATA_EXPORT = "own data export";

/**
 * Who wrote an access-log row whose account is gone: the erasure registry blanks actor_name with
 * the account, and the sentence still needs someone to start with.
 */
const ERASED_ACCOUNT = "An erased account";

/**
 * How the operator's retention purge (`npm run purge`) is named in the access log. It has no
 * account (actor_id is null) and the role column holds an account's role, so it is recorded as
 * acting for the school's administration.
 */
export const RETENTION_PURGE = { name: "Retention purge", role: "admin" } as const satisfies { name: string; role: Role };

/** How an erasure's row of an account that was no student begins: only the purge erases those. */
const ACCOUNT_ERASED = "the deactivated account of ";

/**
 * What an erasure's row says was removed (it names nobody: the person is gone). A teacher's or an
 * administrator's account, which only the retention purge erases, says which it was, so that the
 * row does not read as a student's erasure.
 */
export const erasedDetail = (files: number, role: Role = "student") => {
  if (role !== "student") {
    const whose = role === "admin" ? "an administrator" : "a teacher";
    return `${ACCOUNT_ERASED}${whose}; ${files === 0 ? "no" : files} stored file${files === 1 ? "" : "s"}`;
  }
  return files === 0
    ? "their account and work; no stored files"
    : `their account and work, and ${files} stored file${files === 1 ? "" : "s"} (each image and its thumbnail)`;
};
/** The detail rows written before erasedDetail said only this, which the sentence already says. */
const LEGACY_ERASED_DETAIL = "student erased";

/**
 * One access-log row as a sentence: "Dana Rivera (teacher) opened Sam Lee's work", with where it
 * happened ("Year in Review, Period 2") apart, so the page can set it in lighter type. A student
 * whose account is gone reads as "an erased student", an actor whose account is gone as
 * ERASED_ACCOUNT (the row keeps no name of theirs).
 */
export function describeAccess(row: Described): { sentence: string; where: string | null } {
  const actor = `${row.actorName || ERASED_ACCOUNT} (${row.actorRole})`;
  // Anyone's own export (a teacher's and an administrator's too) is about nobody else.
  if (row.action === "export_data" && row.detail === OWN_DATA_EXPORT)
    return { sentence: `${actor} downloaded their own data`, where: null };
  const whose = row.studentName ? `${row.studentName}’s` : row.studentId ? "a student’s" : "an erased student’s";
  const detail = row.detail ? ` (${row.detail})` : "";
  const what = {
    view_work: `opened ${whose} work${detail}`,
    grade: `graded ${whose} work${detail}`,
    excuse:
      row.detail === EXCUSAL_TAKEN_BACK
        ? `took back the excusal of ${row.studentName ?? "a student"}`
        : `excused ${row.studentName ?? "a student"} from the assignment`,
    extend:
      row.detail === EXTENSION_TAKEN_BACK
        ? `took back the extension of ${row.studentName ?? "a student"}`
        : `gave ${row.studentName ?? "a student"} an extension${detail}`,
    // A class's download is one row for the class and one for each student in the file: each says whose.
    export_grades: row.studentName ? `downloaded grades, ${row.studentName}’s among them${detail}` : `downloaded grades${detail}`,
    export_roster: row.studentName ? `downloaded the roster, ${row.studentName} on it${detail}` : `downloaded the roster${detail}`,
    export_data: `downloaded ${whose} data${detail}`,
    schedule_erasure: `scheduled the erasure of ${row.studentName ?? "a student"}${detail}`,
    cancel_erasure: `cancelled the erasure of ${row.studentName ?? "a student"}${detail}`,
    account: accountChange(row.detail, row.studentName ?? "an erased account"),
    // The row's "student" is the teacher who was given the section, or the one it was taken from.
    transfer_section:
      row.detail === SECTION_TAKEN_AWAY
        ? `took the section from ${row.studentName ?? "a teacher whose account is erased"}`
        : `gave the section to ${row.studentName ?? "a teacher whose account is erased"}`,
    erase: row.detail.startsWith(ACCOUNT_ERASED)
      ? `erased ${row.detail}`
      : `erased ${row.studentName ?? "a student"}${row.detail && row.detail !== LEGACY_ERASED_DETAIL ? `: ${row.detail}` : ""}`,
  }[row.action];
  const where = [row.assignmentTitle, row.sectionName].filter(Boolean).join(", ");
  return { sentence: `${actor} ${what}`, where: where || null };
}

/** An "account" row's words: "gave Sam Lee a one-time password". */
function accountChange(detail: string, whom: string): string {
  const words: Record<string, string> = {
    [ACCOUNT_CHANGES.oneTimePassword]: `gave ${whom} a one-time password`,
    [ACCOUNT_CHANGES.deactivated]: `deactivated the account of ${whom}`,
    [ACCOUNT_CHANGES.reactivated]: `reactivated the account of ${whom}`,
    [ACCOUNT_CHANGES.renamed]: `corrected the name of ${whom}`,
    [ACCOUNT_CHANGES.madeTeacher]: `made ${whom} a teacher`,
    [ACCOUNT_CHANGES.madeStudent]: `made ${whom} a student`,
    [ACCOUNT_CHANGES.approved]: `approved ${whom} as a teacher`,
    [ACCOUNT_CHANGES.refused]: `refused ${whom} as a teacher`,
  };
  return words[detail] ?? `changed the account of ${whom}${detail ? ` (${detail})` : ""}`;
}
