import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { verifySignIn } from "./queries/accounts";
import { assignments, attempts, enrollments, scores, sections, submissions, users } from "./schema";
import { workStatus } from "../lib/workspace";
import { DEMO, seedDemo } from "./seed";

describe("demo seed", () => {
  it("seeds the README's accounts and section once, and never again", async () => {
    const db = getDb();
    expect(await seedDemo(db)).toBe("seeded");
    expect(await seedDemo(db)).toBe("skipped");
    expect(db.select({ n: count() }).from(users).get()?.n).toBe(1 + DEMO.students.length);
    const section = db.select().from(sections).where(eq(sections.joinCode, DEMO.section.joinCode)).get();
    expect(section?.name).toBe("Period 3 — Marketing");
    expect(db.select({ n: count() }).from(enrollments).where(eq(enrollments.sectionId, section!.id)).get()?.n).toBe(DEMO.enrolledCount);
    expect((await verifySignIn({ email: DEMO.teacher.email, password: DEMO.teacher.password, address: "unknown" })).ok).toBe(true);
    expect((await verifySignIn({ email: "student1@example.com", password: DEMO.studentPassword, address: "unknown" })).ok).toBe(true);

    const assignment = db.select().from(assignments).where(eq(assignments.sectionId, section!.id)).get()!;
    const statuses = db
      .select({ email: users.email, submittedAt: submissions.submittedAt, late: submissions.late, returnedAt: submissions.returnedAt })
      .from(submissions)
      .innerJoin(users, eq(users.id, submissions.studentId))
      .where(eq(submissions.assignmentId, assignment.id))
      .all()
      .map((s) => [s.email, workStatus(s)]);
    expect(Object.fromEntries(statuses)).toEqual({
      "student1@example.com": "returned",
      "student2@example.com": "submitted_late",
      "student3@example.com": "in_progress",
      "student4@example.com": "submitted",
    });
    expect(db.select({ n: count() }).from(attempts).get()?.n).toBe(4);
    // student1 graded and returned, student2 graded and waiting to be returned
    expect(db.select({ n: count() }).from(scores).get()?.n).toBe(8);
  });
});
