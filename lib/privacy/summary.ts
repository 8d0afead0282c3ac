import { describeAccess } from "@/lib/access-log";
import { gradeTotal, parseEarlierGrade, pointsDiffer } from "@/lib/grading";
import { STATUS_LABELS, workStatus } from "@/lib/workspace";
import type { AccessAction, Role } from "@/lib/roles";
import { PERSONAL_DATA, withRetentionDays } from "./registry";

/** A person's exported data: every row about them, by table (db/queries/privacy.ts reads it). */
export type PersonalData = {
  exportedAt: Date;
  person: { id: string; name: string; email: string; role: string };
  /** "own": the person's own export, which holds grading only of work returned to them; "complete": an administrator's. */
  scope: "own" | "complete";
  /** Every row about the person, by table, as lib/privacy/registry.ts lists them. */
  tables: Record<string, Record<string, unknown>[]>;
  /**
   * The classes the rows' `section_id`s name (a student's own, left or not), so that a family can
   * tell which class is which: not the person's data, only its context.
   */
  classes: { id: string; name: string; term: string | null; teacherName: string }[];
  /** The assignments the work names, in those classes: titles and rubric rows, for summary.md. */
  assignments: { id: string; title: string; sectionId: string; criteria: { id: string; title: string; maxPoints: number }[] }[];
};

type Row = Record<string, unknown>;
type Criterion = PersonalData["assignments"][number]["criteria"][number];
type Scored = { criterionId: string; points: number | null; comment: string };

/** A comment or feedback, as a quote under its line: every line of it, however many. */
const quoted = (text: string, indent: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => `${indent}> ${line}`.trimEnd())
    .join("\n");

/** A grade as the student read it in the app: each rubric row's points and comment, then the feedback. */
function gradeLines(criteria: Criterion[], scores: Scored[], feedback: string): string[] {
  const lines: string[] = [];
  for (const c of criteria) {
    const score = scores.find((x) => x.criterionId === c.id);
    if (!score || score.points == null) continue;
    lines.push(`    - ${c.title}: ${score.points} of ${c.maxPoints}`);
    if (score.comment.trim()) lines.push(quoted(score.comment, "      "));
  }
  if (feedback.trim()) lines.push("    - Feedback:", quoted(feedback, "      "));
  return lines;
}

/**
 * Each piece of work in words: the assignment and its class, where it stands, when it was handed in,
 * and the grade and feedback the student has been given (what the app shows them: an export of one's
 * own data holds back grading that isn't returned yet).
 */
function workLines(data: PersonalData, classNames: Map<string, string>): string[] {
  const submissions = data.tables.submissions ?? [];
  const excused = new Set((data.tables.excusals ?? []).map((row) => String(row.assignment_id)));
  const extended = new Map((data.tables.extensions ?? []).map((row) => [String(row.assignment_id), row.due_at]));
  const work = data.assignments.filter((a) => excused.has(a.id) || extended.has(a.id) || submissions.some((s) => s.assignment_id === a.id));
  if (work.length === 0) return [];
  const lines = ["", "## Your work", ""];
  for (const a of work) {
    const s: Row | undefined = submissions.find((row) => row.assignment_id === a.id);
    const returnedAt = s?.returned_at instanceof Date ? s.returned_at : null;
    const status = workStatus(
      s && {
        submittedAt: s.submitted_at instanceof Date ? s.submitted_at : null,
        late: Boolean(s.late),
        returnedAt,
        attemptCount: Number(s.attempt_count ?? 0),
        reopenedAttempt: typeof s.reopened_attempt === "number" ? s.reopened_attempt : null,
      },
      excused.has(a.id),
    );
    const where = classNames.get(a.sectionId);
    lines.push(`- **${a.title}**${where ? `, in ${where}` : ""}: ${STATUS_LABELS[status]}`);
    if (extended.has(a.id)) lines.push(`  - Your own due date (an extension from your teacher): ${when(extended.get(a.id))}`);
    const times = Number(s?.attempt_count ?? 0);
    if (s && times > 0)
      lines.push(
        `  - Handed in ${times === 1 ? "on" : `${times} times, the last time on`} ${when(s.submitted_at)}${s.late ? " (late)" : ""}`,
      );
    const scores = (data.tables.scores ?? [])
      .filter((row) => s && row.submission_id === s.id)
      .map((row) => ({ criterionId: String(row.criterion_id), points: row.points as number | null, comment: String(row.comment ?? "") }));
    const max = a.criteria.reduce((sum, c) => sum + c.maxPoints, 0);
    if (s && returnedAt) {
      // Returned with points, or with feedback alone: either way the student was given it.
      const points = typeof s.total_points === "number" ? `: ${s.total_points} of ${max} points` : "";
      lines.push(`  - Returned on ${when(returnedAt)}${points}`, ...gradeLines(a.criteria, scores, String(s.feedback ?? "")));
    }
    // Reopened: the grade returned before stays the student's to read, while they improve the work
    // and after they hand it in again, until it is returned again (as the app shows it).
    const earlier = s && !returnedAt ? parseEarlierGrade(s.earlier_grade) : null;
    if (earlier) {
      // Summed as the app and the gradebook files sum it; feedback alone had no points to give.
      const total = gradeTotal(a, earlier.scores);
      const max = a.criteria.reduce((sum, c) => sum + c.maxPoints, 0);
      const since = status === "reopened" ? "then reopened for you to improve" : "then reopened; you have handed it in again since";
      lines.push(
        `  - Returned on ${when(new Date(earlier.returnedAt))}, ${since}${total === null ? "" : `: ${total} of ${max} points then`}`,
        ...gradeLines(a.criteria, earlier.scores, earlier.feedback),
      );
    }
    // An administrator's export (for a formal request) holds the grading not returned yet: in words
    // too. Not reopened work's, whose score rows are the grade returned before (just above), nor
    // that grade again once the work is handed in anew, until the teacher changes something.
    const sameAsEarlier =
      earlier !== null &&
      !pointsDiffer(earlier, scores) &&
      String(s?.feedback ?? "") === earlier.feedback &&
      scores.every((x) => x.comment === (earlier.scores.find((e) => e.criterionId === x.criterionId)?.comment ?? ""));
    const grading =
      s && !returnedAt && data.scope === "complete" && status !== "reopened" && status !== "excused" && !sameAsEarlier
        ? gradeLines(a.criteria, scores, String(s.feedback ?? ""))
        : [];
    if (grading.length) {
      const total = gradeTotal(a, scores);
      lines.push(`  - Being graded, not returned to you yet${total === null ? "" : `: ${total} of ${max} points so far`}`, ...grading);
    }
  }
  return lines;
}

const when = (value: unknown) => (value instanceof Date ? value.toISOString().replace("T", " ").slice(0, 16) + " UTC" : String(value));

/**
 * summary.md: what the export holds, in a few lines a student or parent can read; how long each
 * kind is kept, with this install's retention period (`retentionDays`).
 */
export function dataSummary(data: PersonalData, retentionDays: number): string {
  const lines = [
    `# Your data in Recap Classroom`,
    "",
    `Exported for ${data.person.name} (${data.person.email}) on ${when(data.exportedAt)}.`,
    "",
    "data.json holds every record below in full; images/ holds the original images you uploaded",
    "(each named by its storage_key in data.json's submission_images).",
    "",
    "## What we hold",
    "",
  ];
  for (const entry of PERSONAL_DATA) {
    const rows = data.tables[entry.table];
    // In words first; data.json's name for them last, to find them there.
    // Grading not returned yet is left out of one's own export, as the app shows it: a count of 0
    // beside a grade the student was given earlier (work reopened) said otherwise.
    const held =
      !entry.untilReturned || data.scope !== "own"
        ? ""
        : entry.untilReturned.columns
          ? " (their grading left out until the work is returned to you, as in the app)"
          : " (not counting grading of work not returned to you yet, as in the app)";
    if (rows)
      lines.push(
        `- **${entry.title}**: ${rows.length}${held} — ${entry.holds}; kept ${withRetentionDays(entry.retention, retentionDays)} (\`${entry.table}\` in data.json)`,
      );
  }
  if (data.classes.length) {
    lines.push("", "## Classes in your data", "", "(classes you are in or were invited to; data.json names each by its `section_id`)", "");
    for (const c of data.classes) lines.push(`- ${c.name}${c.term ? ` (${c.term})` : ""}, taught by ${c.teacherName}: \`${c.id}\``);
  }
  const classNames = new Map(data.classes.map((c) => [c.id, c.name]));
  lines.push(...workLines(data, classNames));
  const looks = (data.tables.access_log ?? []).filter((row) => row.student_id === data.person.id);
  lines.push("", "## Who looked at your work or changed your account", "");
  if (looks.length === 0) lines.push("Nobody has opened, graded or exported your work, or changed your account, yet.");
  for (const row of looks) {
    // In the words of the administrator's access log, with what was done ("graded … (Reopened)").
    const { sentence, where } = describeAccess({
      action: row.action as AccessAction,
      detail: String(row.detail ?? ""),
      actorName: String(row.actor_name ?? ""), // blank once the account is erased: describeAccess names it
      actorRole: row.actor_role as Role,
      studentName: data.person.name,
      studentId: data.person.id,
      assignmentTitle: null,
      sectionName: classNames.get(String(row.section_id)) ?? null,
    });
    lines.push(`- ${when(row.at)}: ${sentence}${where ? `, in ${where}` : ""}`);
  }
  lines.push("", "How this is handled: see the Privacy page of the app.", "");
  return lines.join("\n");
}
