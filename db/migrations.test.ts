import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { eq, inArray, sql } from "drizzle-orm";
import { accessLog, enrollments, gradeEvents, scores, sections, submissions, users } from "@/db/schema";
import { makeUser } from "@/db/factories";
import { sortNameOf } from "@/lib/class-order";
import { saveFeedback, saveScore } from "@/db/queries/grading";
import { saveDraft, submitWork, getStudentWork } from "@/db/queries/work";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { classroom, enrollment, section, user } from "@/lib/test/factories";

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

describe("the former teacher's migration", () => {
  it("keeps every score and grade change as it was, and then lets the account of a teacher who graded go", async () => {
    const { writer } = await getDatabase();
    const { teacher, section, student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, SAMPLE_DRAFTS.complete);
    await submitWork(student.actor, assignment.id, (await getStudentWork(student.actor, assignment.id)).version, true);
    const submission = (await getStudentWork(student.actor, assignment.id)).submission!;
    await saveScore(teacher.actor, submission.id, "ideation", { points: 3, comment: "Sharp picks" }, 0);
    await saveFeedback(teacher.actor, submission.id, "A card worth opening.", 0);
    const graded = async () => ({
      scores: await writer.select().from(scores).where(eq(scores.submissionId, submission.id)),
      events: await writer.select().from(gradeEvents).where(eq(gradeEvents.submissionId, submission.id)),
    });
    const before = await graded();
    expect(before.scores).toHaveLength(1);
    expect(before.events.length).toBeGreaterThanOrEqual(3);

    await runMigration("0015_former_teacher.sql", "0010_former_teacher.sql");
    expect(await graded()).toEqual(before);

    // The section went to a colleague; the teacher's account goes, and their grading stays without them.
    await writer
      .update(sections)
      .set({ teacherId: (await user("teacher")).row.id })
      .where(eq(sections.id, section.id));
    await writer.delete(users).where(eq(users.id, teacher.row.id));
    const after = await graded();
    expect(after.scores).toEqual(before.scores.map((row) => ({ ...row, updatedBy: null })));
    expect(after.events).toEqual(before.events.map((row) => ({ ...row, actorId: null })));
    expect(await writer.select({ id: submissions.id }).from(submissions).where(eq(submissions.id, submission.id))).toHaveLength(1);
  });
});

describe("the folded sort names' migration", () => {
  it("puts every enrollment's sort name in the fold the app now writes, on either database, and leaves the rest of the row", async () => {
    const { writer } = await getDatabase();
    const s = await section((await user("teacher")).row.id);
    const names = [
      "Ángela Ruiz",
      "ŁUKASZ Nowak",
      "Zoë Brontë",
      "Siobhán O’Brien",
      "Jürgen Straße",
      "Æsa Þórsdóttir",
      "김민준",
      " ada Byron ",
      "Bea",
      "ΝΙΚΟΣ ΠΑΠΑΣ", // a final sigma: "ς" in JavaScript's lower case, "σ" in PostgreSQL's
    ];
    const enrolled = [];
    for (const name of names) {
      const student = await makeUser(writer, { role: "student", email: `${crypto.randomUUID()}@unit.test`, name, passwordHash: "x" });
      enrolled.push(await enrollment(s.id, student.id));
    }
    // As an older version kept them: lower-cased only.
    for (const [i, row] of enrolled.entries())
      await writer.update(enrollments).set({ sortName: names[i]!.trim().toLowerCase() }).where(eq(enrollments.id, row.id));
    const rows = async () =>
      new Map((await writer.select().from(enrollments).where(eq(enrollments.sectionId, s.id))).map((row) => [row.id, row] as const));
    const before = await rows();
    expect(before.get(enrolled[0]!.id)!.sortName).toBe("ángela ruiz");

    await runMigration("0017_sort_names_fold.sql", "0012_sort_names_fold.sql");
    const after = await rows();
    expect(enrolled.map((row) => after.get(row.id)!.sortName)).toEqual(names.map(sortNameOf));
    expect(enrolled.map((row) => after.get(row.id)!.sortName)).toEqual([
      "angela ruiz",
      "lukasz nowak",
      "zoe bronte",
      "siobhan o'brien",
      "jurgen strasse",
      "aesa thorsdottir",
      "김민준",
      "ada byron",
      "bea",
      "νικοσ παπασ",
    ]);
    for (const row of enrolled) expect({ ...after.get(row.id)!, sortName: "" }).toEqual({ ...before.get(row.id)!, sortName: "" });
  });
});
