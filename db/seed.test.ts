import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { verifySignIn } from "./queries/accounts";
import { assignments, attempts, enrollments, extensions, scores, sections, submissions, users } from "./schema";
import { workStatus } from "../lib/workspace";
import { hashPassword } from "../lib/password";
import { DEMO, demoAccountsOpen, seedDemo } from "./seed";

describe("demo seed", () => {
  it("seeds the README's accounts and section once, and never again", async () => {
    const database = await getDatabase();
    const db = database.db;
    expect(await seedDemo(database)).toBe("seeded");
    expect(await seedDemo(database)).toBe("skipped");
    expect((await db.select({ n: count() }).from(users))[0]?.n).toBe(2 + DEMO.students.length);
    const section = (await db.select().from(sections).where(eq(sections.joinCode, DEMO.section.joinCode)))[0];
    expect(section?.name).toBe("Period 3 — Marketing");
    expect((await db.select({ n: count() }).from(enrollments).where(eq(enrollments.sectionId, section!.id)))[0]?.n).toBe(
      DEMO.enrolledCount,
    );
    expect((await verifySignIn({ email: DEMO.teacher.email, password: DEMO.teacher.password, address: "unknown" })).ok).toBe(true);
    expect((await verifySignIn({ email: DEMO.admin.email, password: DEMO.admin.password, address: "unknown" })).ok).toBe(true);
    expect((await verifySignIn({ email: "student1@example.com", password: DEMO.studentPassword, address: "unknown" })).ok).toBe(true);

    const assignment = (await db.select().from(assignments).where(eq(assignments.sectionId, section!.id)))[0]!;
    const statuses = (
      await db
        .select({
          email: users.email,
          submittedAt: submissions.submittedAt,
          late: submissions.late,
          returnedAt: submissions.returnedAt,
          attemptCount: submissions.attemptCount,
          reopenedAttempt: submissions.reopenedAttempt,
        })
        .from(submissions)
        .innerJoin(users, eq(users.id, submissions.studentId))
        .where(eq(submissions.assignmentId, assignment.id))
    ).map((s) => [s.email, workStatus(s)]);
    expect(Object.fromEntries(statuses)).toEqual({
      "student1@example.com": "returned",
      "student2@example.com": "submitted_late",
      "student3@example.com": "in_progress",
      "student4@example.com": "submitted",
    });
    expect((await db.select({ n: count() }).from(attempts))[0]?.n).toBe(4);
    // student5 has not started, with an extension of their own: three days from now.
    const [extension] = await db.select().from(extensions).where(eq(extensions.assignmentId, assignment.id));
    expect(extension!.studentId).toBe((await db.select().from(users).where(eq(users.email, "student5@example.com")))[0]!.id);
    expect(extension!.dueAt.getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    // student1 graded and returned, student2 graded and waiting to be returned
    expect((await db.select({ n: count() }).from(scores))[0]?.n).toBe(8);

    // The story's order: the accounts before the section, the section before anyone joined it, joining before the work.
    const teacher = (await db.select().from(users).where(eq(users.email, DEMO.teacher.email)))[0]!;
    expect(teacher.createdAt.getTime()).toBeLessThanOrEqual(section!.createdAt.getTime());
    const joins = await db
      .select({ joinedAt: enrollments.joinedAt, accountMade: users.createdAt, startedAt: submissions.startedAt })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.studentId))
      .leftJoin(submissions, eq(submissions.studentId, enrollments.studentId))
      .where(eq(enrollments.sectionId, section!.id));
    for (const join of joins) {
      expect(join.accountMade.getTime()).toBeLessThan(join.joinedAt.getTime());
      expect(section!.createdAt.getTime()).toBeLessThan(join.joinedAt.getTime());
      if (join.startedAt) expect(join.joinedAt.getTime()).toBeLessThan(join.startedAt.getTime());
    }
  });

  it("names the demo's accounts that still take the README's passwords, and no others", async () => {
    const database = await getDatabase();
    await seedDemo(database);
    const everyone = [DEMO.admin.email, DEMO.teacher.email, ...DEMO.students.map((s) => s.email)];
    expect((await demoAccountsOpen(database)).sort()).toEqual([...everyone].sort());
    // A new password, or a deactivated account, is no longer open to whoever read the README.
    await database.writer
      .update(users)
      .set({ passwordHash: await hashPassword("a-password-nobody-published") })
      .where(eq(users.email, DEMO.admin.email));
    await database.writer.update(users).set({ active: false }).where(eq(users.email, DEMO.teacher.email));
    expect((await demoAccountsOpen(database)).sort()).toEqual(DEMO.students.map((s) => s.email).sort());
  });
});
