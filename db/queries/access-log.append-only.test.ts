import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The access log is append-only from the app's side (issue 13): no query may edit or remove a
 * row, or a teacher's look at a student's work could be made to disappear. This reads the source
 * of db/ and db/queries/ and fails on any UPDATE or DELETE of access_log outside the files below.
 */

/** The only files (under db/) that may remove or clear access-log rows, and why. Add one only with its reason. */
const MAY_REMOVE_ROWS = new Map<string, string>([
  ["personal-data.ts", "erasing a student clears their id from the rows about them, as lib/privacy/registry.ts says (issue 13, erasure)"],
  ["queries/privacy.ts", "the export and erasure of one person, driven by the registry of personal data"],
  ["queries/retention.ts", "the retention purge (npm run purge) removes what the retention rules say"],
]);

const DB = path.join(process.cwd(), "db");

/** Every way a query file could write to the table: Drizzle's builders, and SQL text. */
const EDITS = [
  /\.\s*(update|delete)\s*\(\s*accessLog\b/g,
  /\bupdate\s+(\$\{\s*accessLog\s*\}|"?access_log\b)/gi,
  /\bdelete\s+from\s+(\$\{\s*accessLog\s*\}|"?access_log\b)/gi,
];

/** What in `source` edits the table (across line breaks too). */
function edits(source: string): string[] {
  return EDITS.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[0].replace(/\s+/g, " ")));
}

describe("the access log is append-only", () => {
  it("recognises every way a query could edit it", () => {
    for (const line of [
      "await tx.update(accessLog).set({ detail: '' })",
      "await db.delete(accessLog).where(eq(accessLog.id, id))",
      "db\n  .delete(\n    accessLog,\n  )",
      "sql`delete\n  from ${accessLog}`",
      "sql`update ${accessLog} set detail = ''`",
      'sql`DELETE FROM "access_log" WHERE 1`',
      "sql`delete from access_log`",
    ]) {
      expect(edits(line), line).toHaveLength(1);
    }
    for (const line of ["await db.insert(accessLog).values(row)", "db.select().from(accessLog)", "tx.update(accessLogins)"]) {
      expect(edits(line), line).toEqual([]);
    }
  });

  it("no query outside the privacy code updates or deletes its rows", () => {
    const files = ["", "queries/"].flatMap((dir) =>
      fs
        .readdirSync(path.join(DB, dir))
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
        .map((f) => `${dir}${f}`),
    );
    expect(files).toEqual(expect.arrayContaining(["queries/access-log.ts", "personal-data.ts"]));
    for (const allowed of MAY_REMOVE_ROWS.keys()) expect(files, `${allowed} in MAY_REMOVE_ROWS no longer exists`).toContain(allowed);
    const found = files
      .filter((file) => !MAY_REMOVE_ROWS.has(file))
      .flatMap((file) => edits(fs.readFileSync(path.join(DB, file), "utf8")).map((edit) => `${file}: ${edit}`));
    expect(
      found,
      "access_log is append-only: record with recordAccess, never edit (or add the file to MAY_REMOVE_ROWS with a reason)",
    ).toEqual([]);
  });
});
