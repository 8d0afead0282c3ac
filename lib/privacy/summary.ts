import { PERSONAL_DATA, withRetentionDays } from "./registry";

/** A person's exported data: every row about them, by table (db/queries/privacy.ts reads it). */
export type PersonalData = {
  exportedAt: Date;
  person: { id: string; name: string; email: string; role: string };
  /** Every row about the person, by table, as lib/privacy/registry.ts lists them. */
  tables: Record<string, Record<string, unknown>[]>;
};

const ACTIONS: Record<string, string> = {
  view_work: "opened your work",
  grade: "graded your work",
  export_grades: "exported grades",
  export_roster: "exported the class roster",
  export_data: "exported your data",
  schedule_erasure: "scheduled the erasure of your account",
  cancel_erasure: "cancelled the erasure of your account",
  erase: "erased data",
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
  const looks = (data.tables.access_log ?? []).filter((row) => row.student_id === data.person.id);
  lines.push("", "## Who looked at your work", "");
  if (looks.length === 0) lines.push("Nobody has opened, graded or exported your work yet.");
  for (const row of looks)
    lines.push(`- ${when(row.at)}: ${String(row.actor_name) || "an erased account"} ${ACTIONS[String(row.action)] ?? row.action}`);
  lines.push("", "How this is handled: see the Privacy page of the app.", "");
  return lines.join("\n");
}
