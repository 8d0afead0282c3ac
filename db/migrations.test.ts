import fs from "node:fs";
import path from "node:path";
import { inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { accessLog } from "@/db/schema";

/**
 * The data a migration moves, checked with the dialect's own SQL file on the test database (its
 * tables already at the latest schema, which a data migration does not change).
 */
async function runMigration(sqliteFile: string, postgresFile: string) {
  const open = await getDatabase();
  const folder = open.dialect === "sqlite" ? "migrations" : "migrations-pg";
  const text = fs.readFileSync(path.join(import.meta.dirname, folder, open.dialect === "sqlite" ? sqliteFile : postgresFile), "utf8");
  // The driver's own: this runs the file as it is, as the migrator does, on each dialect.
  const writer = open.writer as unknown as { $client: { exec(text: string): unknown }; execute(query: unknown): Promise<unknown> };
  if (open.dialect === "sqlite") writer.$client.exec(text);
  else await writer.execute(sql.raw(text));
}

describe("the excuse action's migration", () => {
  it("moves excusals logged as grading to their own action, and nothing else", async () => {
    const { writer } = await getDatabase();
    const rows = [
      { action: "grade", detail: "Excused from the assignment" },
      { action: "grade", detail: "Excusal taken back" },
      { action: "grade", detail: "Ideation score and comment" },
      { action: "view_work", detail: "Excused from the assignment" },
    ] as const;
    const ids = [];
    for (const row of rows)
      ids.push(
        ...(await writer
          .insert(accessLog)
          .values({ ...row, actorName: "Dana Rivera", actorRole: "teacher" })
          .returning({ id: accessLog.id })),
      );
    await runMigration("0014_excuse_action.sql", "0009_excuse_action.sql");
    const after = await writer
      .select({ id: accessLog.id, action: accessLog.action, detail: accessLog.detail })
      .from(accessLog)
      .where(
        inArray(
          accessLog.id,
          ids.map((r) => r.id),
        ),
      );
    const byId = new Map(after.map((r) => [r.id, [r.action, r.detail]]));
    expect(ids.map((r) => byId.get(r.id))).toEqual([
      ["excuse", "Excused from the assignment"],
      ["excuse", "Excusal taken back"],
      ["grade", "Ideation score and comment"],
      ["view_work", "Excused from the assignment"],
    ]);
  });
});
