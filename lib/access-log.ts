import type { AccessAction, Role } from "@/lib/roles";

/** What the administrator's filter offers for each action, in their words. */
export const ACCESS_ACTION_LABELS: Record<AccessAction, string> = {
  view_work: "Opened work",
  grade: "Graded",
  excuse: "Excused, or took an excusal back",
  export_grades: "Downloaded grades",
  export_roster: "Downloaded a roster",
  export_data: "Downloaded a student's data",
  schedule_erasure: "Scheduled an erasure",
  cancel_erasure: "Cancelled an erasure",
  erase: "Erased a student",
};

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

/** The detail of an access-log row that records someone's export of their own data. */
export const OWN_DATA_EXPORT = "own data export";

/** What an erasure's row says was removed (it names nobody: the student is gone). */
export const erasedDetail = (files: number) =>
  files === 0
    ? "their account and work; no stored files"
    : `their account and work, and ${files} stored file${files === 1 ? "" : "s"} (each image and its thumbnail)`;
/** The detail rows written before erasedDetail said only this, which the sentence already says. */
const LEGACY_ERASED_DETAIL = "student erased";

/**
 * One access-log row as a sentence: "Dana Rivera (teacher) opened Sam Lee's work", with where it
 * happened ("Year in Review, Period 2") apart, so the page can set it in lighter type. A student
 * whose account is gone reads as "an erased student" (the row keeps no name of theirs).
 */
export function describeAccess(row: Described): { sentence: string; where: string | null } {
  // Anyone's own export (a teacher's and an administrator's too) is about nobody else.
  if (row.action === "export_data" && row.detail === OWN_DATA_EXPORT)
    return { sentence: `${row.actorName} (${row.actorRole}) downloaded their own data`, where: null };
  const whose = row.studentName ? `${row.studentName}’s` : row.studentId ? "a student’s" : "an erased student’s";
  const detail = row.detail ? ` (${row.detail})` : "";
  const what = {
    view_work: `opened ${whose} work${detail}`,
    grade: `graded ${whose} work${detail}`,
    excuse:
      row.detail === EXCUSAL_TAKEN_BACK
        ? `took back the excusal of ${row.studentName ?? "a student"}`
        : `excused ${row.studentName ?? "a student"} from the assignment`,
    // A class's download is one row for the class and one for each student in the file: each says whose.
    export_grades: row.studentName ? `downloaded grades, ${row.studentName}’s among them${detail}` : `downloaded grades${detail}`,
    export_roster: row.studentName ? `downloaded the roster, ${row.studentName} on it${detail}` : `downloaded the roster${detail}`,
    export_data: `downloaded ${whose} data${detail}`,
    schedule_erasure: `scheduled the erasure of ${row.studentName ?? "a student"}${detail}`,
    cancel_erasure: `cancelled the erasure of ${row.studentName ?? "a student"}${detail}`,
    erase: `erased ${row.studentName ?? "a student"}${row.detail && row.detail !== LEGACY_ERASED_DETAIL ? `: ${row.detail}` : ""}`,
  }[row.action];
  const where = [row.assignmentTitle, row.sectionName].filter(Boolean).join(", ");
  return { sentence: `${row.actorName} (${row.actorRole}) ${what}`, where: where || null };
}
