import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { accessLog, enrollments, users } from "@/db/schema";
import { classroom } from "@/lib/test/factories";
import { recordSectionExport } from "./access-log";

// A file of its own: its thousand rows would push the other tests' rows off the log's first page.
describe("a class download of a large class", () => {
  it("logs every student of a large class, each row with an id of its own (1,001 students, in one INSERT … SELECT)", async () => {
    const { teacher, section } = await classroom();
    const db = (await getDatabase()).writer;
    const run = crypto.randomUUID().slice(0, 8);
    const made = await db
      .insert(users)
      .values(
        Array.from({ length: 1_000 }, (_, i) => ({
          role: "student" as const,
          name: `Big ${i}`,
          email: `big-${run}-${i}@unit.test`,
          passwordHash: "not-a-real-hash",
        })),
      )
      .returning({ id: users.id });
    await db.insert(enrollments).values(made.map(({ id }, i) => ({ sectionId: section.id, studentId: id, sortName: `big ${i}` })));
    await recordSectionExport(teacher.actor, "export_grades", section.id, null, "Big class - all grades.csv");
    const rows = await db
      .select({ id: accessLog.id, studentId: accessLog.studentId, detail: accessLog.detail, actorId: accessLog.actorId })
      .from(accessLog)
      .where(eq(accessLog.sectionId, section.id));
    // One naming no student, and one for each of the 1,001 (the class's own student too).
    expect(rows).toHaveLength(1_002);
    expect(new Set(rows.map((r) => r.studentId)).size).toBe(1_002);
    // Ids made by the database (SQLite: the app's crypto.randomUUID; PostgreSQL: gen_random_uuid), all different.
    expect(new Set(rows.map((r) => r.id)).size).toBe(1_002);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row).toMatchObject({ detail: "Big class - all grades.csv", actorId: teacher.actor.id });
    }
  });
});
