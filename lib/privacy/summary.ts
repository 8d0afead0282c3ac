import { describeAccess } from "@/lib/access-log";
import type { AccessAction, Role } from "@/lib/roles";
import { PERSONAL_DATA, withRetentionDays } from "./registry";

/** A person's exported data: every row about them, by table (db/queries/privacy.ts reads it). */
export type PersonalData = {
  exportedAt: Date;
  person: { id: string; name: string; email: string; role: string };
  /** Every row about the person, by table, as lib/privacy/registry.ts lists them. */
  tables: Record<string, Record<string, unknown>[]>;
  /**
   * The classes the rows' `section_id`s name (a student's own, left or not), so that a family can
   * tell which class is which: not the person's data, only its context.
   */
  classes: { id: string; name: string; term: string | null; teacherName: string }[];
};

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
    if (rows) lines.push(`- ${entry.table}: ${rows.length} (${entry.holds}; kept ${withRetentionDays(entry.retention, retentionDays)})`);
  }
  if (data.classes.length) {
    lines.push("", "## Your classes", "", "(data.json names each by its `section_id`)", "");
    for (const c of data.classes) lines.push(`- ${c.name}${c.term ? ` (${c.term})` : ""}, taught by ${c.teacherName}: \`${c.id}\``);
  }
  const classNames = new Map(data.classes.map((c) => [c.id, c.name]));
  const looks = (data.tables.access_log ?? []).filter((row) => row.student_id === data.person.id);
  lines.push("", "## Who looked at your work", "");
  if (looks.length === 0) lines.push("Nobody has opened, graded or exported your work yet.");
  for (const row of looks) {
    // In the words of the administrator's access log, with what was done ("graded … (Reopened)").
    const { sentence, where } = describeAccess({
      action: row.action as AccessAction,
      detail: String(row.detail ?? ""),
      actorName: String(row.actor_name ?? "") || "An erased account",
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
