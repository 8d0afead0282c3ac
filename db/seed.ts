import { count } from "drizzle-orm";
import sharp from "sharp";
import type { DB } from "./index";
import { enroll, makeAssignment, makeGrade, makeSection, makeSubmission, makeUser } from "./factories";
import { users } from "./schema";
import { processImage } from "../lib/images";
import { hashPassword } from "../lib/password";
import { storeFile } from "../lib/storage";
import type { Draft } from "../lib/validations/workspace";

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

const DAY = 86_400_000;

/** Sample work in the demo's own words. */
const SAMPLE_DRAFTS: Record<"complete" | "lateComplete" | "onTime" | "started", Draft> = {
  complete: {
    ideas: [
      { id: "d1", text: "Their go-to drink" },
      { id: "d2", text: "How early they came in" },
      { id: "d3", text: "Busiest month" },
      { id: "d4", text: "Total spent" },
    ],
    picks: [
      { columnId: "drink", reason: "Everyone has a usual, and it's fun to be known for it." },
      { columnId: "earliest", reason: "Early birds will feel proud of their dedication." },
      { columnId: "month", reason: "It brings back a season and makes people nostalgic." },
    ],
    copy:
      "Thanks for an amazing year, [Name]!\nYour signature order? A [Most Ordered Drink] — we could make it with our eyes closed.\n" +
      "You beat the sunrise with a [Earliest Order (Time)] visit, and [Month with Most Visits] was your month.\nSee you next year!",
    answers: {
      q1: "My music app made me a playlist of songs I'd played most in the summer. It felt like it knew me, which was fun and a little strange.",
      q2: "My phone, my music and video apps, my school laptop and a fitness watch. Together they'd show when I sleep, what I like and where I go.",
      q3: "They could time ads for when I'm usually online and show things my friends like. I'd draw the line at using my location.",
    },
  },
  lateComplete: {
    ideas: [{ id: "l1", text: "Number of visits" }],
    picks: [
      { columnId: "purchases", reason: "A big number feels like an achievement." },
      { columnId: "spend", reason: "People are curious how much they spent." },
      { columnId: "pastry", reason: "Pastries are a treat to remember." },
    ],
    copy: "Hey [Name]! You stopped by [Number of Purchases] times and spent $[Spend]. Your favorite treat: [Pastry]!",
    answers: { q1: "A shoe store emailed me on my birthday.", q2: "Social media and games.", q3: "Ads for games I already play." },
  },
  onTime: {
    ideas: [{ id: "o1", text: "Pastry" }],
    picks: [
      { columnId: "pastry", reason: "Everyone remembers their favorite treat." },
      { columnId: "visits", reason: "Coming three times in a day is a funny record." },
      { columnId: "month", reason: "It ties the recap to a season." },
    ],
    copy: "[Name], you're a legend! [Most Visits in One Day] visits in one day, a soft spot for [Pastry], and [Month] was all yours.",
    answers: { q1: "My streaming app's yearly recap.", q2: "Phone, browser, games.", q3: "Showing me deals at the times I shop." },
  },
  started: {
    ideas: [
      { id: "s1", text: "favorite drink" },
      { id: "s2", text: "latest order" },
    ],
    picks: [
      { columnId: "drink", reason: "It's personal." },
      { columnId: "latest", reason: "" },
    ],
    copy: "Hi [Name], your [Drink]",
    answers: {},
  },
};

/** A demo graphic drawn from SVG and put through the same pipeline as an upload. */
async function demoGraphic(width: number, height: number, lines: string[], background: string) {
  const text = lines
    .map((line, i) => `<text x="50%" y="${30 + i * 14}%" font-size="${Math.round(width / 14)}" text-anchor="middle" fill="#fff" font-family="sans-serif" font-weight="700">${line}</text>`)
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${background}"/>${text}</svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  const processed = await processImage(new Uint8Array(png));
  const [storageKey, thumbnailKey] = await Promise.all([storeFile(processed.image, processed.format), storeFile(processed.thumbnail, "webp")]);
  return { storageKey, thumbnailKey, mime: processed.mime, width: processed.width, height: processed.height, bytes: processed.image.byteLength, checks: processed.checks };
}

/**
 * Seeds the demo into an empty database. Never touches a database that already has users,
 * so it can run on every start without harming real data.
 */
export async function seedDemo(db: DB): Promise<"seeded" | "skipped"> {
  const existing = db.select({ n: count() }).from(users).get()?.n ?? 0;
  if (existing > 0) return "skipped";

  const [teacherHash, studentHash] = await Promise.all([hashPassword(DEMO.teacher.password), hashPassword(DEMO.studentPassword)]);
  // Image work happens before the transaction, which must stay synchronous.
  const portrait = await demoGraphic(1080, 1350, ["Thanks for a great year,", "Sarah!", "Your usual: Latte", "Earliest visit: 7:15 AM"], "#4f46e5");
  const landscape = await demoGraphic(800, 450, ["Hey Marcus!", "98 visits this year"], "#b45309");
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
      // Due yesterday, late work accepted: the teacher sees every status (returned, graded, submitted
      // on time, late, in progress, not started) and students 3–5 can still work.
      const now = Date.now();
      const assignment = makeAssignment(tx, { sectionId: section.id, dueAt: new Date(now - DAY), createdAt: new Date(now - 8 * DAY) });
      const [returned, late, started, onTime] = students;
      const first = makeSubmission(tx, {
        assignment,
        studentId: returned!.id,
        draft: SAMPLE_DRAFTS.complete,
        images: [{ ...portrait, caption: "Sarah's recap card" }],
        startedAt: new Date(now - 6 * DAY),
        submittedAt: [new Date(now - 4 * DAY), new Date(now - 3 * DAY)],
      });
      makeGrade(tx, {
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
      const second = makeSubmission(tx, {
        assignment,
        studentId: late!.id,
        draft: SAMPLE_DRAFTS.lateComplete,
        images: [{ ...landscape, caption: "" }],
        startedAt: new Date(now - 3 * DAY),
        submittedAt: [new Date(now - 2 * 3_600_000)],
      });
      makeGrade(tx, {
        submissionId: second.submission.id,
        teacherId: teacher.id,
        scores: { ideation: { points: 2 }, copywriting: { points: 2 }, design: { points: 1, comment: "Try a square or portrait card." }, reflection: { points: 1 } },
        at: new Date(now - 3_600_000),
      });
      makeSubmission(tx, { assignment, studentId: started!.id, draft: SAMPLE_DRAFTS.started, startedAt: new Date(now - DAY) });
      makeSubmission(tx, { assignment, studentId: onTime!.id, draft: SAMPLE_DRAFTS.onTime, startedAt: new Date(now - 5 * DAY), submittedAt: [new Date(now - 2 * DAY)] });
    },
    { behavior: "immediate" },
  );
  return "seeded";
}
