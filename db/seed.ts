import { count, eq, inArray } from "drizzle-orm";
import sharp from "sharp";
import type { OpenDatabase } from "./index";
import { enroll, makeAssignment, makeGrade, makeSection, makeSubmission, makeUser } from "./factories";
import { extensions, users } from "./schema";
import { processImage, storeProcessedImage } from "../lib/server/images";
import { hashPassword, verifyPassword } from "../lib/password";
import { SAMPLE_DRAFTS } from "./sample-work";

/** The demo, as printed in the README. */
export const DEMO = {
  teacher: { email: "teacher@example.com", name: "Dana Rivera", password: "recap-teacher-2026" },
  admin: { email: "admin@example.com", name: "Morgan Lee", password: "recap-admin-2026" },
  studentPassword: "recap-student-2026",
  students: ["Sarah Kim", "Marcus Johnson", "Aisha Patel", "Diego Hernández", "Emma O'Brien", "Noah Williams"].map((name, i) => ({
    email: `student${i + 1}@example.com`,
    name,
  })),
  section: { name: "Period 3 — Marketing", term: "Fall 2026", joinCode: "MKTG3PRD" },
  /** student6 is left out of the section so the demo can show joining. */
  enrolledCount: 5,
} as const;

const DAY = 86_400_000;

/**
 * The demo's accounts that still take the password the README publishes (an administrator's among
 * them, on a server that was first started with the demo): their emails, for a warning at each start.
 */
export async function demoAccountsOpen(database: OpenDatabase): Promise<string[]> {
  const published = new Map<string, string>([
    [DEMO.admin.email, DEMO.admin.password],
    [DEMO.teacher.email, DEMO.teacher.password],
    ...DEMO.students.map((s) => [s.email, DEMO.studentPassword] as [string, string]),
  ]);
  const rows = await database.db
    .select({ email: users.email, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(inArray(users.email, [...published.keys()]));
  const open = await Promise.all(rows.map(async (r) => r.active && (await verifyPassword(r.passwordHash, published.get(r.email)!))));
  return rows.filter((_, i) => open[i]).map((r) => r.email);
}

/** A demo graphic drawn from SVG and put through the same pipeline as an upload. */
async function demoGraphic(width: number, height: number, lines: string[], background: string) {
  const text = lines
    .map(
      (line, i) =>
        `<text x="50%" y="${30 + i * 14}%" font-size="${Math.round(width / 14)}" text-anchor="middle" fill="#fff" font-family="sans-serif" font-weight="700">${line}</text>`,
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${background}"/>${text}</svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return storeProcessedImage(await processImage(new Uint8Array(png)));
}

/**
 * Seeds the demo into an empty database. Never touches a database that already has users,
 * so it can run on every start without harming real data.
 */
export async function seedDemo(database: OpenDatabase): Promise<"seeded" | "skipped"> {
  const existing = (await database.db.select({ n: count() }).from(users))[0]?.n ?? 0;
  if (existing > 0) return "skipped";

  const [teacherHash, studentHash, adminHash] = await Promise.all([
    hashPassword(DEMO.teacher.password),
    hashPassword(DEMO.studentPassword),
    hashPassword(DEMO.admin.password),
  ]);
  // Image work happens before the transaction, which may only wait on its queries.
  const portrait = await demoGraphic(
    1080,
    1350,
    ["Thanks for a great year,", "Sarah!", "Your usual: Latte", "Earliest visit: 7:15 AM"],
    "#4f46e5",
  );
  const landscape = await demoGraphic(800, 450, ["Hey Marcus!", "98 visits this year"], "#b45309");
  // All rows in one transaction: a crash half-way leaves an empty database, seeded again next start.
  await database.transaction(async (tx) => {
    // The story's order on every page: accounts made, then the section, then students joining (10 to
    // 6 days ago), the assignment, the work. The administrator's account page shows when each was made.
    const accountsMade = new Date(Date.now() - 14 * DAY);
    const teacher = await makeUser(tx, {
      role: "teacher",
      email: DEMO.teacher.email,
      name: DEMO.teacher.name,
      passwordHash: teacherHash,
      createdAt: accountsMade,
    });
    await makeUser(tx, { role: "admin", email: DEMO.admin.email, name: DEMO.admin.name, passwordHash: adminHash, createdAt: accountsMade });
    const students = [];
    for (const s of DEMO.students)
      students.push(await makeUser(tx, { role: "student", ...s, passwordHash: studentHash, createdAt: accountsMade }));
    const section = await makeSection(tx, { teacherId: teacher.id, ...DEMO.section, createdAt: new Date(Date.now() - 12 * DAY) });
    const day = 24 * 60 * 60 * 1000;
    for (const [i, student] of students.slice(0, DEMO.enrolledCount).entries())
      await enroll(tx, { sectionId: section.id, studentId: student.id, joinedAt: new Date(Date.now() - (10 - i) * day) });
    // Due yesterday, late work accepted: the teacher sees every status (returned, graded, submitted
    // on time, late, in progress, not started) and students 3–5 can still work.
    const now = Date.now();
    const assignment = await makeAssignment(tx, {
      sectionId: section.id,
      dueAt: new Date(now - DAY),
      createdAt: new Date(now - 8 * DAY),
    });
    const [returned, late, started, onTime, extended] = students;
    const first = await makeSubmission(tx, {
      assignment,
      studentId: returned!.id,
      draft: SAMPLE_DRAFTS.complete,
      images: [{ ...portrait, caption: "Sarah's recap card" }],
      startedAt: new Date(now - 6 * DAY),
      submittedAt: [new Date(now - 4 * DAY), new Date(now - 3 * DAY)],
    });
    await makeGrade(tx, {
      submissionId: first.submission.id,
      teacherId: teacher.id,
      scores: {
        ideation: { points: 3, comment: "Three datapoints people will love to see." },
        copywriting: { points: 3 },
        design: { points: 2, comment: "Make the time bigger so it reads on a phone." },
        reflection: { points: 3 },
      },
      feedback: "A recap I would share. Push the design a little further next time.",
      at: new Date(now - 12 * 3_600_000),
      returnedAt: new Date(now - 11 * 3_600_000),
    });
    const second = await makeSubmission(tx, {
      assignment,
      studentId: late!.id,
      draft: SAMPLE_DRAFTS.lateComplete,
      images: [{ ...landscape, caption: "" }],
      startedAt: new Date(now - 3 * DAY),
      submittedAt: [new Date(now - 2 * 3_600_000)],
    });
    await makeGrade(tx, {
      submissionId: second.submission.id,
      teacherId: teacher.id,
      scores: {
        ideation: { points: 2 },
        copywriting: { points: 2 },
        design: { points: 1, comment: "Try a square or vertical card." },
        reflection: { points: 1 },
      },
      at: new Date(now - 3_600_000),
    });
    await makeSubmission(tx, { assignment, studentId: started!.id, draft: SAMPLE_DRAFTS.started, startedAt: new Date(now - DAY) });
    await makeSubmission(tx, {
      assignment,
      studentId: onTime!.id,
      draft: SAMPLE_DRAFTS.onTime,
      startedAt: new Date(now - 5 * DAY),
      submittedAt: [new Date(now - 2 * DAY)],
    });
    // Student 5 has not started, but has three days of their own (an extension): not missing yet.
    await tx.insert(extensions).values({ assignmentId: assignment.id, studentId: extended!.id, dueAt: new Date(now + 3 * DAY) });
    // The demo's history, signed in where it worked: the teacher when grading, each student when last
    // at their work. Students 5 and 6 have not signed in yet, as the roster and the admin pages say.
    const signedIn = (id: string, at: number) =>
      tx
        .update(users)
        .set({ lastSignInAt: new Date(at) })
        .where(eq(users.id, id));
    await signedIn(teacher.id, now - 3_600_000);
    await signedIn(returned!.id, now - 3 * DAY);
    await signedIn(late!.id, now - 2 * 3_600_000);
    await signedIn(started!.id, now - DAY);
    await signedIn(onTime!.id, now - 2 * DAY);
  });
  return "seeded";
}
