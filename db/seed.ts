import { count } from "drizzle-orm";
import type { DB } from "./index";
import { enroll, makeSection, makeUser } from "./factories";
import { users } from "./schema";
import { hashPassword } from "../lib/password";

/** The demo, as printed in the README. */
export const DEMO = {
  teacher: { email: "teacher@example.com", name: "Dana Rivera", password: "recap-teacher-2026" },
  studentPassword: "recap-student-2026",
  students: [
    "Sarah Kim",
    "Marcus Johnson",
    "Aisha Patel",
    "Diego Hernández",
    "Emma O'Brien",
    "Noah Williams",
  ].map((name, i) => ({ email: `student${i + 1}@example.com`, name })),
  section: { name: "Period 3 — Marketing", term: "Fall 2026", joinCode: "MKTG3PRD" },
  /** student6 is left out of the section so the demo can show joining. */
  enrolledCount: 5,
} as const;

/**
 * Seeds the demo into an empty database. Never touches a database that already has users,
 * so it can run on every start without harming real data.
 */
export async function seedDemo(db: DB): Promise<"seeded" | "skipped"> {
  const existing = db.select({ n: count() }).from(users).get()?.n ?? 0;
  if (existing > 0) return "skipped";

  const [teacherHash, studentHash] = await Promise.all([hashPassword(DEMO.teacher.password), hashPassword(DEMO.studentPassword)]);
  // All rows in one transaction: a crash half-way leaves an empty database, seeded again next start.
  db.transaction(
    (tx) => {
      const teacher = makeUser(tx, { role: "teacher", email: DEMO.teacher.email, name: DEMO.teacher.name, passwordHash: teacherHash });
      const students = DEMO.students.map((s) => makeUser(tx, { role: "student", ...s, passwordHash: studentHash }));
      const section = makeSection(tx, { teacherId: teacher.id, ...DEMO.section });
      const day = 24 * 60 * 60 * 1000;
      students.slice(0, DEMO.enrolledCount).forEach((student, i) =>
        enroll(tx, { sectionId: section.id, studentId: student.id, joinedAt: new Date(Date.now() - (10 - i) * day) }),
      );
    },
    { behavior: "immediate" },
  );
  return "seeded";
}
