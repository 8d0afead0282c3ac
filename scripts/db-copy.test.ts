import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { makeUser } from "@/db/factories";
import {
  accessLog,
  bankedComments,
  discussionStars,
  erasureAcknowledgements,
  erasureRequests,
  invitations,
  pendingFileDeletions,
  recapPicks,
  excusals,
  extensions,
  sections,
  endedSessions,
  signInEvents,
  signInThrottle,
  submissionImages,
  submissions,
  users,
} from "@/db/schema";
import * as pg from "@/db/schema/pg";
import { seedDemo } from "@/db/seed";
import { parseStorageUrl } from "@/lib/server/storage/config";
import { s3Store } from "@/lib/server/storage/s3";
import { storedPath } from "@/lib/server/storage/store";
import { S3_SERVER_CREDENTIALS, startS3Server } from "@/scripts/s3-server.mjs";
import { openSource, openTarget, type TargetDatabase } from "./db-copy/databases";
import { copyInstall, formatReport, main, type CopyReport } from "./db-copy/run";

// The laptop: this test file's SQLite database (lib/test/setup.ts) with the demo and more, and its
// upload folder. The target: PGlite in memory and a bucket on s3rver, both started here.

const quiet = { phase: () => {}, progress: () => {} };
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const s3Directory = fs.mkdtempSync(path.join(os.tmpdir(), "recap-copy-s3-"));
let server: Awaited<ReturnType<typeof startS3Server>>;
let target: TargetDatabase;
let store: ReturnType<typeof s3Store>;

async function copy(options: { mirror?: boolean; dryRun?: boolean; allowMissing?: boolean } = {}): Promise<CopyReport> {
  const source = openSource(process.env.DATABASE_PATH!);
  try {
    return await copyInstall({
      source,
      target,
      files: {
        uploadsDir: process.env.UPLOADS_DIR!,
        store: { store, label: "s3://recap-copy" },
        allowMissing: options.allowMissing ?? false,
      },
      mirror: options.mirror ?? false,
      dryRun: options.dryRun ?? false,
      log: quiet,
    });
  } finally {
    source.close();
  }
}

const line = (report: CopyReport, name: string) => report.lines.find((l) => l.name === name)!;
const laptopCount = async (table: typeof users | typeof submissions | typeof bankedComments) =>
  (await (await getDatabase()).db.select({ n: count() }).from(table))[0]!.n;
const fileHash = (file: string) => (fs.existsSync(file) ? sha256(fs.readFileSync(file)) : null);

beforeAll(async () => {
  const database = await getDatabase();
  await seedDemo(database);
  const db = database.writer;
  // A roster import's chain of creators, with ids that sort children first: only a parents-first order can insert them.
  const teacher = (await db.select().from(users).where(eq(users.role, "teacher")))[0]!;
  const ids = ["f0000000-0000-4000-8000-000000000001", "80000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003"];
  for (const [i, id] of ids.entries())
    await db.insert(users).values({
      id,
      role: i === 0 ? "teacher" : "student",
      email: `chain${i}@example.com`,
      name: `Chain ${i}`,
      passwordHash: "x",
      mustChangePassword: true,
      createdBy: i === 0 ? teacher.id : ids[i - 1],
      lastSignInAt: null,
    });
  const invited = await makeUser(db, { role: "student", email: "invited@example.com", name: "Invited", passwordHash: "x", active: false });
  const [firstSubmission] = await db.select().from(submissions);
  const [section] = await db.select().from(sections);
  await db.insert(invitations).values({ sectionId: section!.id, studentId: invited.id, listedName: "Invited One", invitedBy: teacher.id });
  await db.insert(bankedComments).values({ teacherId: teacher.id, criterionKey: "design", text: "Bigger type, please — «ünïcode» ✓" });
  await db.insert(discussionStars).values({ submissionId: firstSubmission!.id, questionId: "q1", starredBy: teacher.id });
  await db.insert(recapPicks).values({ assignmentId: firstSubmission!.assignmentId, submissionId: firstSubmission!.id, attempt: 1 });
  await db.insert(excusals).values({ assignmentId: firstSubmission!.assignmentId, studentId: firstSubmission!.studentId });
  await db.insert(extensions).values({
    assignmentId: firstSubmission!.assignmentId,
    studentId: firstSubmission!.studentId,
    dueAt: new Date("2031-01-20T14:30:00.123Z"),
  });
  await db
    .update(submissions)
    .set({
      earlierGrade: {
        returnedAt: "2026-11-20T10:00:00.000Z",
        feedback: "Bigger «type»",
        scores: [{ criterionId: "design", points: 2, comment: "" }],
      },
    })
    .where(eq(submissions.id, firstSubmission!.id));
  await db
    .insert(signInThrottle)
    .values({ key: "address:203.0.113.9", failures: 3, windowStartedAt: new Date(1_790_000_000_123), lockedUntil: null });
  // Issue 13's tables: the access log, sign-in records and a file deletion waiting for the purge.
  await db.insert(accessLog).values({
    actorId: teacher.id,
    actorName: teacher.name,
    actorRole: "teacher",
    action: "view_work",
    studentId: firstSubmission!.studentId,
    sectionId: section!.id,
    detail: "",
  });
  await db.insert(signInEvents).values({ userId: teacher.id, at: new Date(1_790_000_000_456) });
  await db.insert(endedSessions).values({ sessionId: crypto.randomUUID(), userId: teacher.id, endsAt: new Date(1_790_000_000_789) });
  await db
    .insert(pendingFileDeletions)
    .values({ storageKey: `${crypto.randomUUID()}.png`, queuedAt: new Date(1_790_000_000_789), attempts: 1 });
  // An erasure the teacher has been warned of and acknowledged.
  const [erasure] = await db
    .insert(erasureRequests)
    .values({
      studentId: firstSubmission!.studentId,
      requestedBy: null,
      requestedAt: new Date(1_790_000_001_000),
      eraseAfter: new Date(1_790_604_801_000),
    })
    .returning();
  await db
    .insert(erasureAcknowledgements)
    .values({ requestId: erasure!.id, teacherId: teacher.id, acknowledgedAt: new Date(1_790_000_002_000) });

  // The folder also holds a stored file no row names (copied), a temporary file of an interrupted
  // write and a request body waiting in incoming/ (neither copied).
  const uploads = process.env.UPLOADS_DIR!;
  const orphan = `${crypto.randomUUID()}.webp`;
  fs.mkdirSync(path.join(uploads, orphan.slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(uploads, storedPath(orphan)), Buffer.from("an unreferenced stored file"));
  fs.writeFileSync(path.join(uploads, `${storedPath(orphan)}.123.tmp`), Buffer.from("half"));
  fs.mkdirSync(path.join(uploads, "incoming"), { recursive: true });
  fs.writeFileSync(path.join(uploads, "incoming", "x.part"), Buffer.from("body"));

  server = await startS3Server({ directory: s3Directory, buckets: ["recap-copy", "recap-cli"] });
  Object.assign(process.env, S3_SERVER_CREDENTIALS, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });
  store = s3Store(parseStorageUrl(server.storageUrl("recap-copy"))!);
  target = await openTarget("pglite:", { migrate: true });
}, 60_000);

afterAll(async () => {
  await target?.close();
  await server?.close();
  fs.rmSync(s3Directory, { recursive: true, force: true });
});

describe("db:copy", { timeout: 30_000 }, () => {
  it("refuses a target that holds another install's data, even with --mirror", async () => {
    const [other] = await target.db
      .insert(pg.users)
      .values({ email: "someone@else.org", name: "Someone", passwordHash: "x", role: "teacher" })
      .returning();
    try {
      const refused = await copy({ mirror: true });
      expect(refused.status).toBe("refused");
      expect(refused.notes.join("\n")).toMatch(/already holds 1 rows, none of them this laptop's/);
      expect((await target.db.select({ n: count() }).from(pg.users))[0]!.n).toBe(1);
    } finally {
      await target.db.delete(pg.users).where(eq(pg.users.id, other!.id));
    }
  });

  it("copies every table and stored file, converting the values, and verifies counts, values and SHA-256s", async () => {
    const file = process.env.DATABASE_PATH!;
    const before = [fileHash(file), fileHash(`${file}-wal`)];
    const report = await copy();
    expect(report.status, formatReport(report)).toBe("verified");
    // The source is read, never written.
    expect([fileHash(file), fileHash(`${file}-wal`)]).toEqual(before);

    // Parents before children (users.created_by: the chain's creators first, below).
    expect(report.lines.map((l) => l.name)).toEqual([
      "pending_file_deletions",
      "sign_in_throttle",
      "users",
      "banked_comments",
      "ended_sessions",
      "erasure_requests",
      "sections",
      "sign_in_events",
      "assignments",
      "enrollments",
      "erasure_acknowledgements",
      "invitations",
      "access_log",
      "excusals",
      "extensions",
      "submissions",
      "attempts",
      "discussion_stars",
      "grade_events",
      "recap_picks",
      "scores",
      "submission_images",
      "stored files",
    ]);
    for (const l of report.lines) {
      expect(l.laptop, l.name).toBeGreaterThan(0);
      expect(l, l.name).toMatchObject({ targetBefore: 0, add: l.laptop, targetAfter: l.laptop, problem: null });
    }
    expect(line(report, "users").laptop).toBe(await laptopCount(users));

    // Values arrive as PostgreSQL types: timestamptz, boolean, jsonb.
    const laptop = (await (await getDatabase()).db.select().from(submissions)).find((s) => s.submittedAt)!;
    const [copied] = await target.db.select().from(pg.submissions).where(eq(pg.submissions.id, laptop.id));
    expect(copied).toEqual(laptop);
    expect(copied!.startedAt).toBeInstanceOf(Date);
    const typeRow = (await target.db.execute(
      "select pg_typeof(created_at)::text as ts, pg_typeof(late)::text as bool, jsonb_typeof(draft) as shape from submissions limit 1",
    )) as unknown as { rows: Record<string, string>[] };
    expect(typeRow.rows[0]).toEqual({ ts: "timestamp with time zone", bool: "boolean", shape: "object" });
    const chain = await target.db
      .select({ id: pg.users.id, createdBy: pg.users.createdBy })
      .from(pg.users)
      .where(eq(pg.users.mustChangePassword, true));
    expect(new Map(chain.map((u) => [u.id, u.createdBy]))).toEqual(
      new Map([
        ["f0000000-0000-4000-8000-000000000001", expect.any(String)],
        ["80000000-0000-4000-8000-000000000002", "f0000000-0000-4000-8000-000000000001"],
        ["00000000-0000-4000-8000-000000000003", "80000000-0000-4000-8000-000000000002"],
      ]),
    );

    // Every image and thumbnail, and the unreferenced stored file, are in the bucket with the same bytes.
    const images = await (await getDatabase()).db.select().from(submissionImages);
    const keys = images.flatMap((image) => [image.storageKey, image.thumbnailKey]);
    expect(line(report, "stored files").laptop).toBe(keys.length + 1);
    for (const key of keys)
      expect(sha256(await store.read(key))).toBe(sha256(fs.readFileSync(path.join(process.env.UPLOADS_DIR!, storedPath(key)))));
    expect(report.notes.join("\n")).toMatch(/1 entries in the folder are not stored files.*\.tmp/);
  });

  it("runs again without duplicating or writing anything", async () => {
    const report = await copy();
    expect(report.status, formatReport(report)).toBe("verified");
    for (const l of report.lines)
      expect(l, l.name).toMatchObject({ targetBefore: l.laptop, add: 0, update: 0, remove: 0, targetAfter: l.laptop });
    expect((await target.db.select({ n: count() }).from(pg.users))[0]!.n).toBe(await laptopCount(users));
  });

  it("adds what is new on the laptop; refuses changes and deletions until --mirror, which carries them over", async () => {
    const db = (await getDatabase()).writer;
    const teacher = (await db.select().from(users).where(eq(users.email, "teacher@example.com")))[0]!;
    await db.insert(bankedComments).values({ teacherId: teacher.id, criterionKey: "ideation", text: "New since the first copy" });
    const added = await copy();
    expect(added.status, formatReport(added)).toBe("verified");
    expect(line(added, "banked_comments")).toMatchObject({ add: 1, targetAfter: await laptopCount(bankedComments) });

    const [changed] = await db.select().from(submissions).limit(1);
    await db
      .update(submissions)
      .set({ feedback: "Changed on the laptop after the copy", feedbackVersion: 9 })
      .where(eq(submissions.id, changed!.id));
    await db.delete(discussionStars);
    const refused = await copy();
    expect(refused.status).toBe("refused");
    const notes = refused.notes.join("\n");
    expect(notes).toContain(`submissions: 1 rows differ from the laptop's (${changed!.id}: feedback, feedback_version)`);
    expect(notes).toMatch(/discussion_stars: 1 rows are not on the laptop/);
    expect(notes).toContain("--mirror");
    const [untouched] = await target.db.select().from(pg.submissions).where(eq(pg.submissions.id, changed!.id));
    expect(untouched!.feedback).toBe(changed!.feedback);

    const mirrored = await copy({ mirror: true });
    expect(mirrored.status, formatReport(mirrored)).toBe("verified");
    expect(line(mirrored, "submissions")).toMatchObject({ update: 1, add: 0 });
    expect(line(mirrored, "discussion_stars")).toMatchObject({ remove: 1, targetAfter: 0 });
    const [carried] = await target.db.select().from(pg.submissions).where(eq(pg.submissions.id, changed!.id));
    expect(carried).toMatchObject({ feedback: "Changed on the laptop after the copy", feedbackVersion: 9 });
  });

  it("reports a stored file that differs in the bucket, and replaces it only with --mirror", async () => {
    const [image] = await (await getDatabase()).db.select().from(submissionImages).limit(1);
    const key = image!.thumbnailKey;
    await store.put(key, Buffer.from("tampered"), "image/webp");
    const refused = await copy();
    expect(refused.status).toBe("refused");
    expect(refused.notes.join("\n")).toContain(`1 stored files differ in the store (SHA-256): ${key}`);
    expect((await store.read(key)).toString()).toBe("tampered");

    const mirrored = await copy({ mirror: true });
    expect(mirrored.status, formatReport(mirrored)).toBe("verified");
    expect(line(mirrored, "stored files")).toMatchObject({ update: 1, add: 0 });
    expect(sha256(await store.read(key))).toBe(sha256(fs.readFileSync(path.join(process.env.UPLOADS_DIR!, storedPath(key)))));
  });

  it("refuses, before writing, images missing from the folder and text PostgreSQL cannot store", async () => {
    const [image] = await (await getDatabase()).db.select().from(submissionImages).limit(1);
    const file = path.join(process.env.UPLOADS_DIR!, storedPath(image!.storageKey));
    fs.renameSync(file, `${file}.away`);
    try {
      const missing = await copy({ dryRun: true });
      expect(missing.status).toBe("refused");
      expect(missing.notes[0]).toContain(`1 images the database names are not in ${process.env.UPLOADS_DIR} (${image!.storageKey})`);
      const allowed = await copy({ dryRun: true, allowMissing: true });
      expect(allowed.status, formatReport(allowed)).toBe("planned");
    } finally {
      fs.renameSync(`${file}.away`, file);
    }

    const db = (await getDatabase()).writer;
    const teacher = (await db.select().from(users).where(eq(users.email, "teacher@example.com")))[0]!;
    const [nul] = await db.insert(bankedComments).values({ teacherId: teacher.id, criterionKey: "x", text: "a\u0000b" }).returning();
    try {
      const refused = await copy({ dryRun: true });
      expect(refused.notes.join("\n")).toContain(
        `banked_comments: 1 rows hold a NUL character, which PostgreSQL cannot store (${nul!.id}: text)`,
      );
    } finally {
      await db.delete(bankedComments).where(eq(bankedComments.id, nul!.id));
    }
  });

  it("as a command: refuses a target that is not PostgreSQL and a missing source; a dry run, then a copy", async () => {
    const output: string[] = [];
    const io = { out: (text: string) => output.push(text), err: (text: string) => output.push(text) };
    for (const to of ["sqlite:data/app.db", "mysql://host/db", "pglite:"]) {
      expect(await main(["--to", to], io), to).toBe(2);
    }
    expect(output.join("\n")).toMatch(/--to must be a PostgreSQL address.*\n.*--to: the target must start with postgres.*\n.*into memory/s);
    output.length = 0;
    expect(await main(["--to", "postgres://localhost/x", "--from", "/nonexistent/app.db"], io)).toBe(2);
    expect(output.join("\n")).toContain("No SQLite database at /nonexistent/app.db");

    // The command's whole path (arguments, source, bucket check, copy, summary) into the target the
    // tests share (already filled) and a bucket of its own (still empty).
    const args = ["--to", "pglite:///unused", "--storage", server.storageUrl("recap-cli"), "--from", process.env.DATABASE_PATH!];
    const open = { target: async () => ({ ...target, close: async () => {} }) };
    output.length = 0;
    expect(await main([...args, "--dry-run"], io, open), output.join("\n")).toBe(0);
    expect(output.join("\n")).toMatch(
      /to add[\s\S]*\n\s*users\s+(\d+)\s+\1\s+0\s+0\s+0\n[\s\S]*\n\s*stored files\s+(\d+)\s+0\s+\2\s+0\s+—\n[\s\S]*Dry run: nothing was written/,
    );
    output.length = 0;
    expect(await main(args, io, open), output.join("\n")).toBe(0);
    const printed = output.join("\n");
    expect(printed).toMatch(/Files .*uploads → s3:\/\/recap-cli at 127\.0\.0\.1:\d+/);
    expect(printed).toMatch(/\n\s*users\s+(\d+)\s+\1\s+0\s+0\s+0\s+\1\s+ok\n/);
    expect(printed).toMatch(/\n\s*stored files\s+(\d+)\s+0\s+\1\s+0\s+—\s+\1\s+ok\n/);
    expect(printed).toContain("Copied and verified");
  });
});
