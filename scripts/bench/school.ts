import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { openDatabase, type Tx } from "../../db";
import { databaseDialect } from "../../db/dialect";
import { enroll, makeAssignment, makeGrade, makeSection, makeSubmission, makeUser } from "../../db/factories";
import { SAMPLE_DRAFTS } from "../../db/sample-work";
import type { Role } from "../../db/schema";

/**
 * A school in a throwaway database, seeded through db/factories in one transaction: the measured
 * class (one teacher, one section, one assignment, N students in a realistic mix of states) and,
 * around it, other teachers' sections, a second section and a second assignment, so no query runs
 * against a table holding only the class it asks about. Nobody signs in with a password: every
 * hash is "x".
 */

const execFileAsync = promisify(execFile);

type Person = { id: string; name: string; email: string; role: Role; sessionVersion: number };

export type School = {
  classSize: number;
  sectionId: string;
  assignmentId: string;
  teacher: Person;
  /**
   * A student in the middle of the class with the long finished draft, submitted and not graded yet:
   * the grading view's subject and the workspace's owner. `draftMarker` is a phrase of that draft.
   */
  middleStudent: Person & { draftMarker: string };
  /** Students whose work can still change (not returned), for the uploads. */
  canUpload: Person[];
  /** How many students are in each state, as seeded. */
  mix: Record<State, number>;
};

type State = "not started" | "in progress" | "submitted and waiting" | "graded" | "graded and returned" | "resubmitted after grading";

/**
 * Twenty students in a row, by state: 5% not started, 10% in progress, 25% submitted and waiting,
 * 40% graded, 15% graded and returned, 5% resubmitted after grading (waiting again).
 */
const PATTERN: State[] = [
  "not started",
  "in progress",
  "in progress",
  ...Array<State>(5).fill("submitted and waiting"),
  ...Array<State>(8).fill("graded"),
  ...Array<State>(3).fill("graded and returned"),
  "resubmitted after grading",
];

const FIRST = ["Avery", "Jordan", "Maya", "Liam", "Sofia", "Noah", "Zara", "Ethan", "Chloe", "Mateo", "Priya", "Kai", "Amara", "Lucas"];
const LAST = ["Nguyen", "Garcia", "Okafor", "Smith", "Kowalski", "Haddad", "Silva", "Tanaka", "Johnson", "Moreau", "Patel", "Larsen"];
const OTHER_TEACHERS = 8;
const OTHER_CLASS_SIZE = 30;
const DAY = 86_400_000;

/** Where a school is seeded and served from: a SQLite file, or a PostgreSQL database (scripts/bench/pg.ts). */
export type BenchDatabase = { dialect: "sqlite"; file: string } | { dialect: "postgres"; url: string };

/** The flag that makes `scripts/bench.ts` seed one school and print it as JSON (a child process). */
export const SEED_FLAG = "--seed-school";

/**
 * Seeds in a child process whose DATABASE_URL names the target: the query layer picks its dialect's
 * tables once per process (db/schema.ts), so one process cannot seed both databases.
 */
export async function seedSchool(target: BenchDatabase, classSize: number): Promise<School> {
  const { stdout } = await execFileAsync(
    process.execPath,
    [...process.execArgv, path.join(import.meta.dirname, "../bench.ts"), SEED_FLAG, JSON.stringify({ target, classSize })],
    {
      env: { ...process.env, DATABASE_URL: target.dialect === "postgres" ? target.url : "" },
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as School;
}

/** The child's side of seedSchool: seeds here, with this process's DATABASE_URL, and prints the school. */
export async function seedSchoolHere(argument: string): Promise<void> {
  const { target, classSize } = JSON.parse(argument) as { target: BenchDatabase; classSize: number };
  if (databaseDialect() !== target.dialect) throw new Error(`seeding ${target.dialect} in a ${databaseDialect()} process`);
  console.log(JSON.stringify(await seed(target, classSize)));
}

async function seed(target: BenchDatabase, classSize: number): Promise<School> {
  const database = await openDatabase(target.dialect === "sqlite" ? target.file : undefined);
  try {
    return await database.transaction(async (tx) => {
      const now = Date.now();
      const teacher = await makeUser(tx, { role: "teacher", email: "bench-teacher@example.com", name: "Bench Teacher", passwordHash: "x" });
      const section = await makeSection(tx, { teacherId: teacher.id, name: "Period 3" });
      // Due in three days, so every student can still upload; the work came in over the last two.
      const assignment = await makeAssignment(tx, { sectionId: section.id, dueAt: new Date(now + 3 * DAY) });
      const next = await makeAssignment(tx, { sectionId: section.id, title: "Next recap", dueAt: new Date(now + 10 * DAY) });

      const mix = Object.fromEntries(PATTERN.map((state) => [state, 0])) as School["mix"];
      const students: (Person & { state: State; i: number })[] = [];
      for (let i = 0; i < classSize; i++) {
        const state = PATTERN[i % PATTERN.length]!;
        mix[state]++;
        const student = await makeUser(tx, { role: "student", email: `s${i}@bench.test`, name: studentName(i), passwordHash: "x" });
        await enroll(tx, { sectionId: section.id, studentId: student.id, joinedAt: new Date(now - 30 * DAY) });
        await addWork(tx, { assignment, teacherId: teacher.id, studentId: student.id, state, i, now });
        if (i % 3 === 0) await makeSubmission(tx, { assignment: next, studentId: student.id, draft: SAMPLE_DRAFTS.started });
        students.push({ ...student, state, i });
      }
      await seedRestOfSchool(tx, now);
      await makeSection(tx, { teacherId: teacher.id, name: "Period 5" });

      const middle = students
        .slice(Math.floor(classSize / 2))
        .find((s) => s.state === "submitted and waiting" && draftFor(s.i) === COMPLETE);
      if (!middle) throw new Error(`a class of ${classSize} is too small for the bench (at least 30)`);
      return {
        classSize,
        sectionId: section.id,
        assignmentId: assignment.id,
        teacher,
        middleStudent: { ...middle, draftMarker: "Thanks for an amazing year" },
        canUpload: students.filter((s) => s.state !== "graded and returned"),
        mix,
      };
    });
  } finally {
    await database.close();
  }
}

function studentName(i: number): string {
  const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
  const round = Math.floor(i / (FIRST.length * LAST.length));
  return round ? `${name} ${round + 1}` : name; // unique, so a page showing the name shows this student
}

/** Mostly the long finished draft; some students wrote the shorter ones. */
const COMPLETE = SAMPLE_DRAFTS.complete;
function draftFor(i: number) {
  return [COMPLETE, COMPLETE, SAMPLE_DRAFTS.onTime, SAMPLE_DRAFTS.lateComplete][i % 4]!;
}

async function addWork(
  tx: Tx,
  input: {
    assignment: Parameters<typeof makeSubmission>[1]["assignment"];
    teacherId: string;
    studentId: string;
    state: State;
    i: number;
    now: number;
  },
) {
  const { assignment, teacherId, studentId, state, i, now } = input;
  if (state === "not started") return;
  const startedAt = new Date(now - 4 * DAY + (i % 1000) * 60_000);
  if (state === "in progress") {
    await makeSubmission(tx, { assignment, studentId, draft: SAMPLE_DRAFTS.started, startedAt });
    return;
  }
  const submittedAt = new Date(now - 2 * DAY + (i % 1000) * 60_000);
  const times = state === "resubmitted after grading" ? [submittedAt, new Date(now - DAY / 2)] : [submittedAt];
  const { submission } = await makeSubmission(tx, { assignment, studentId, draft: draftFor(i), startedAt, submittedAt: times });
  if (state === "submitted and waiting") return;
  await makeGrade(tx, {
    submissionId: submission.id,
    teacherId,
    scores: {
      ideation: { points: 1 + (i % 3), comment: i % 2 ? "Strong picks: a customer would want to see these." : "" },
      copywriting: { points: 1 + ((i + 1) % 3) },
      design: { points: 1 + ((i + 2) % 3), comment: i % 5 === 0 ? "Check the contrast of the text on a phone." : "" },
      reflection: { points: 1 + (i % 2) },
    },
    feedback: i % 2 ? "Good work. Your copy has personality; make sure every datapoint appears in the graphic." : undefined,
    // Graded before the resubmission, so that student is waiting again.
    at: new Date(now - DAY),
    returnedAt: state === "graded and returned" ? new Date(now - DAY / 4) : null,
  });
}

/** Other teachers' classes, each with one assignment most students have turned in. */
async function seedRestOfSchool(tx: Tx, now: number) {
  for (let t = 0; t < OTHER_TEACHERS; t++) {
    const teacher = await makeUser(tx, { role: "teacher", email: `teacher${t}@bench.test`, name: `Teacher ${t}`, passwordHash: "x" });
    for (const period of [1, 2]) {
      const section = await makeSection(tx, { teacherId: teacher.id, name: `Period ${period}` });
      const assignment = await makeAssignment(tx, { sectionId: section.id, dueAt: new Date(now - DAY) });
      for (let i = 0; i < OTHER_CLASS_SIZE; i++) {
        const email = `t${t}p${period}s${i}@bench.test`;
        const student = await makeUser(tx, { role: "student", email, name: studentName(i + 7), passwordHash: "x" });
        await enroll(tx, { sectionId: section.id, studentId: student.id });
        const state = PATTERN[i % PATTERN.length]!;
        await addWork(tx, { assignment, teacherId: teacher.id, studentId: student.id, state, i, now: now - 3 * DAY });
      }
    }
  }
}
