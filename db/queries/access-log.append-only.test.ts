import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The access log is append-only from the app's side (issue 13): no query may edit or remove a
 * row, or a teacher's look at a student's work could be made to disappear. This reads the query
 * layer's source and fails on any UPDATE or DELETE of access_log outside the files named below.
 */

/** The only query files that may remove access-log rows, and why. Add a file here only with its reason. */
const MAY_REMOVE_ROWS = new Map<string, string>([
  ["erasure.ts", "erasing a student removes or anonymises the rows about them (issue 13, erasure)"],
  ["purge.ts", "the retention purge removes rows older than the retention period"],
  ["privacy.ts", "the personal-data registry's export and erasure, driven table by table"],
]);

const QUERIES = path.join(process.cwd(), "db", "queries");

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
    const files = fs.readdirSync(QUERIES).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(files).toContain("access-log.ts");
    const found = files
      .filter((file) => !MAY_REMOVE_ROWS.has(file))
      .flatMap((file) => edits(fs.readFileSync(path.join(QUERIES, file), "utf8")).map((edit) => `${file}: ${edit}`));
    expect(
      found,
      "access_log is append-only: record with recordAccess, never edit (or add the file to MAY_REMOVE_ROWS with a reason)",
    ).toEqual([]);
  });
});
