import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { getDatabase, getDb } from "@/db";
import { allTables } from "@/db/personal-data";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import {
  accessLog,
  bankedComments,
  endedSessions,
  enrollments,
  erasureAcknowledgements,
  erasureRequests,
  gradeEvents,
  invitations,
  pendingFileDeletions,
  recapPicks,
  sections,
  signInEvents,
  signInThrottle,
  users,
} from "@/db/schema";
import { erasedDetail, RETENTION_PURGE } from "@/lib/access-log";
import { FORMER_TEACHER } from "@/lib/grading";
import { FieldError, NotFoundError } from "@/lib/errors";
import { PERSONAL_DATA } from "@/lib/privacy/registry";
import { dataSummary } from "@/lib/privacy/summary";
import { deleteQueuedFiles } from "@/lib/server/stored-files";
import * as storage from "@/lib/server/storage";
import { storedPath } from "@/lib/server/storage/store";
import { assignment, classroom, enrollment, fakeImage, section, user } from "@/lib/test/factories";
import { recordAccess } from "./access-log";
import { getAssignmentAnalytics } from "./analytics";
import { setStar } from "./discussion";
import { setExcused } from "./excusals";
import { setExtension } from "./extensions";
import { exportSection } from "./export";
import { bankComment, gradeHistory, listScores, reopenWork, returnWork, saveFeedback, saveScore } from "./grading";
import { transferSection } from "./admin";
import {
  acknowledgeErasure,
  cancelErasure,
  eraseStudent,
  exportPersonalData,
  getErasurePreview,
  listErasureNotices,
  scheduleErasure,
} from "./privacy";
import { listPendingFileDeletions } from "./file-deletions";
import { applyPurge, planPurge } from "./retention";
import { addImage, getStudentWork, saveDraft, submitWork } from "./work";

/** A class where the student has a row in every table the registry links to a student. */
async function world({ returned = true } = {}) {
  const db = (await getDatabase()).writer;
  const admin = await user("admin");
  const teacher = await user("teacher");
  const s = await section(teacher.row.id);
  const a = await assignment(s.id);
  const student = await user("student");
  // A name no other row can contain by chance, so the erasure scan below finds it only where it really is.
  const name = `Zoë Erin ${crypto.randomUUID().slice(0, 8)}`;
  await db.update(users).set({ name }).where(eq(users.id, student.row.id));
  student.actor.name = name;
  await enrollment(s.id, student.row.id);
  const classmate = await user("student");
  await enrollment(s.id, classmate.row.id);

  await saveDraft(student.actor, a.id, 0, SAMPLE_DRAFTS.complete);
  const files: string[] = [];
  for (let i = 0; i < 3; i++) {
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: i * 60, g: 0, b: 0 } } })
      .png()
      .toBuffer();
    const keys = { storageKey: await storage.storeFile(bytes, "png"), thumbnailKey: await storage.storeFile(bytes, "webp") };
    files.push(keys.storageKey, keys.thumbnailKey);
    await addImage(student.actor, a.id, { ...fakeImage(8, 8), ...keys }, `card ${i}`);
  }
  const version = (await getStudentWork(student.actor, a.id)).version;
  await submitWork(student.actor, a.id, version, true);
  const submission = (await getStudentWork(student.actor, a.id)).submission!;
  await saveScore(teacher.actor, submission.id, "ideation", { points: 3, comment: `Nice work, ${name}` }, 0);
  await saveFeedback(teacher.actor, submission.id, `Well done ${name}.`, 0);
  await setStar(teacher.actor, submission.id, "q1", true, SAMPLE_DRAFTS.complete.answers.q1);
  // Chosen for the Class Recap (written directly: setRecapPick wants a studio card this work has not got).
  await db.insert(recapPicks).values({ assignmentId: a.id, submissionId: submission.id, attempt: 1 });
  if (returned) await returnWork(teacher.actor, s.id, a.id, [submission.id]);
  // Excused from a second assignment of the class, and given more time on it before that.
  const second = await assignment(s.id);
  await setExtension(teacher.actor, s.id, second.id, student.row.id, new Date(second.dueAt.getTime() + 86_400_000));
  await setExcused(teacher.actor, s.id, second.id, student.row.id, true);
  await recordAccess(db, teacher.actor, { action: "view_work", studentId: student.row.id, sectionId: s.id, assignmentId: a.id });
  await bankComment(teacher.actor, "Ideation", "Strong picks.");
  // Saved to the bank from this student's grading, name and all.
  await bankComment(teacher.actor, "Ideation", `Nice work, ${name}`);
  // The teacher was warned of the erasure and has kept what they need.
  const request = await scheduleErasure(admin.actor, student.row.id);
  await acknowledgeErasure(teacher.actor, request.id);

  const other = await section((await user("teacher")).row.id);
  await db.insert(invitations).values({ sectionId: other.id, studentId: student.row.id, listedName: name, invitedBy: other.teacherId });
  await db.insert(signInEvents).values({ userId: student.row.id, at: new Date() });
  await db
    .insert(endedSessions)
    .values({ sessionId: crypto.randomUUID(), userId: student.row.id, endsAt: new Date(Date.now() + 86_400_000) });
  await db.insert(signInThrottle).values([
    { key: `anywhere:${student.row.email}`, failures: 1, windowStartedAt: new Date() },
    // Someone typed the student's email from some address: maybe the student, maybe not.
    { key: `account:203.0.113.9 ${student.row.email}`, failures: 1, windowStartedAt: new Date() },
  ]);

  await saveDraft(classmate.actor, a.id, 0, SAMPLE_DRAFTS.started);
  const classmateBytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#00ff00" } })
    .png()
    .toBuffer();
  const classmateKey = await storage.storeFile(classmateBytes, "png");
  await addImage(
    classmate.actor,
    a.id,
    { ...fakeImage(8, 8), storageKey: classmateKey, thumbnailKey: classmateKey.replace(".png", ".webp") },
    "",
  );

  return { admin, teacher, section: s, assignment: a, student, name, classmate, classmateKey, submission, files };
}

const onDisk = (key: string) => fs.existsSync(path.join(process.env.UPLOADS_DIR!, storedPath(key)));

/** Every row of every table, as text, for scanning. */
async function everything(): Promise<Record<string, string>> {
  const db = await getDb();
  const dump: Record<string, string> = {};
  for (const [name, table] of allTables()) dump[name] = JSON.stringify(await db.select().from(table as typeof users));
  return dump;
}

describe("exportPersonalData", () => {
  it("holds a row from every table the registry links to a person, and never the password hash", async () => {
    const w = await world();
    const ofStudent = await exportPersonalData(w.student.actor, "own");
    const ofTeacher = await exportPersonalData(w.teacher.actor, "own");
    const filled = (tables: Record<string, unknown[]>) => Object.keys(tables).filter((t) => tables[t]!.length > 0);
    const linked = PERSONAL_DATA.filter((e) => e.links.length > 0).map((e) => e.table);
    // Driven by the registry: each table that leads to a person is in some person's export, with rows.
    expect(new Set([...filled(ofStudent.tables), ...filled(ofTeacher.tables)])).toEqual(new Set(linked));
    expect(filled(ofStudent.tables).sort()).toEqual(linked.filter((t) => !["sections", "banked_comments"].includes(t)).sort());

    const json = JSON.stringify(ofStudent);
    expect(json).not.toContain("password_hash");
    expect(json).not.toContain("not-a-real-hash");
    expect(ofStudent.tables.submissions![0]).toMatchObject({ student_id: w.student.row.id, feedback: `Well done ${w.name}.` });
    expect(ofStudent.tables.submission_images).toHaveLength(3);
    expect(ofStudent.tables.scores![0]).toMatchObject({ comment: `Nice work, ${w.name}` });
    // The classes its rows name (theirs, and one that invited them), so a family can tell which is which.
    expect(ofStudent.classes).toContainEqual({
      id: w.section.id,
      name: w.section.name,
      term: w.section.term,
      teacherName: w.teacher.row.name,
    });
    expect(ofStudent.classes).toHaveLength(2);
    // The assignments its work names (the one handed in, and the one excused), with their rubric rows.
    expect(ofStudent.assignments.map((a) => a.sectionId)).toEqual([w.section.id, w.section.id]);
    expect(ofStudent.assignments).toContainEqual({
      id: w.assignment.id,
      title: w.assignment.title,
      sectionId: w.section.id,
      criteria: expect.arrayContaining([{ id: "ideation", title: "Ideation", maxPoints: 3 }]),
    });
    expect(ofTeacher.assignments).toEqual([]);
    // Who looked at their work, and the export itself.
    // (the score, the feedback and the return each recorded a grade row as they were saved; the excusal
    // and the extension their own)
    expect(ofStudent.tables.access_log!.map((r) => r.action).sort()).toEqual([
      "excuse",
      "export_data",
      "extend",
      "grade",
      "grade",
      "grade",
      "schedule_erasure",
      "view_work",
    ]);
    expect(ofTeacher.tables.erasure_acknowledgements).toHaveLength(1);
    expect(JSON.stringify(ofStudent.tables)).not.toContain(w.classmate.row.id);
  });

  it("names only the classes the person sees in the app now: not one they left, nor one handed to another teacher", async () => {
    const w = await world();
    const db = (await getDatabase()).writer;
    const named = async (actor: typeof w.student.actor) => (await exportPersonalData(actor, "own")).classes.map((c) => c.id);
    expect(await named(w.student.actor)).toContain(w.section.id);
    expect(await named(w.teacher.actor)).toContain(w.section.id);
    // The student is taken off the roster and the section renamed: their rows keep its id, no name.
    await db.update(enrollments).set({ removedAt: new Date() }).where(eq(enrollments.studentId, w.student.row.id));
    await db.update(sections).set({ name: "Renamed after you left" }).where(eq(sections.id, w.section.id));
    const left = await exportPersonalData(w.student.actor, "own");
    expect(left.classes.map((c) => c.id)).not.toContain(w.section.id);
    expect(JSON.stringify(left)).not.toContain("Renamed after you left");
    expect(left.tables.enrollments!.map((r) => r.section_id)).toContain(w.section.id);
    expect(left.assignments).toEqual([]); // nor its assignments' titles
    expect(left.tables.submissions!.map((r) => r.assignment_id)).toContain(w.assignment.id);
    // Handed to another teacher: the first one's access-log rows still name its id, nothing more.
    const next = await user("teacher");
    await db.update(sections).set({ teacherId: next.row.id }).where(eq(sections.id, w.section.id));
    expect(await named(w.teacher.actor)).not.toContain(w.section.id);
    expect(await named(next.actor)).toEqual([]); // (no rows of theirs name it yet)
  });

  it("summary.md, from a real own export, shows grading only once returned, and while reopened only the grade returned before", async () => {
    const w = await world({ returned: false });
    const summary = async () => dataSummary(await exportPersonalData(w.student.actor, "own"), 30);
    const before = await summary();
    expect(before).toContain(`- **${w.assignment.title}**, in ${w.section.name}: Submitted`);
    for (const hidden of ["Returned on", `Well done ${w.name}.`, `Nice work, ${w.name}`, "Ideation: 3 of 3"])
      expect(before).not.toContain(hidden);
    await returnWork(w.teacher.actor, w.section.id, w.assignment.id, [w.submission.id]);
    const returned = await summary();
    for (const shown of ["Returned on", `Well done ${w.name}.`, `Nice work, ${w.name}`, "Ideation: 3 of 3"])
      expect(returned).toContain(shown);
    // Reopened and graded again: the student reads the grade returned before, not the new one.
    await reopenWork(w.teacher.actor, w.submission.id);
    expect(await saveFeedback(w.teacher.actor, w.submission.id, "Not final yet", 1)).toMatchObject({ saved: true });
    const reopened = await summary();
    expect(reopened).toContain(": Reopened");
    expect(reopened).toContain("then reopened for you to improve");
    expect(reopened).toContain(`Well done ${w.name}.`);
    expect(reopened).not.toContain("Not final yet");
  });

  it("lets an administrator export a student, and nobody else anyone else", async () => {
    const w = await world();
    const byAdmin = await exportPersonalData(w.admin.actor, { studentId: w.student.row.id });
    expect(byAdmin.person.id).toBe(w.student.row.id);
    expect(byAdmin.tables.access_log!.some((r) => r.actor_id === w.admin.row.id && r.action === "export_data")).toBe(true);
    for (const outsider of [w.teacher.actor, w.classmate.actor]) {
      await expect(exportPersonalData(outsider, { studentId: w.student.row.id })).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(exportPersonalData(w.admin.actor, { studentId: w.teacher.row.id })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("grading in a student's data export", () => {
  const GRADING = ["feedback", "feedback_version", "scored_count", "total_points", "scored_at"];

  it("is in the student's own export only once the work is returned; in an administrator's, all along", async () => {
    const w = await world({ returned: false });
    const own = async () => (await exportPersonalData(w.student.actor, "own")).tables;
    const byAdmin = async () => (await exportPersonalData(w.admin.actor, { studentId: w.student.row.id })).tables;

    const before = await own();
    expect(before.submissions).toEqual([expect.objectContaining({ id: w.submission.id, returned_at: null })]);
    for (const column of GRADING) expect(before.submissions![0]![column], column).toBeNull();
    expect(before.scores).toEqual([]);
    expect(before.grade_events).toEqual([]);
    expect(JSON.stringify(before)).not.toContain("Nice work");
    expect(JSON.stringify(before)).not.toContain("Well done");
    // The rest of the work is theirs to see, as in the app.
    expect(before.attempts).toHaveLength(1);
    expect(before.submission_images).toHaveLength(3);
    // The access log says who opened the work, but not that it is being graded, until the return.
    // Excusing them from another assignment, with nothing handed in there, is theirs at once (as in the app).
    const actions = (rows: Record<string, unknown>[] | undefined) =>
      rows!
        .filter((r) => ["grade", "excuse", "view_work"].includes(r.action as string))
        .map((r) => `${r.action}: ${r.detail}`)
        .sort();
    expect(actions(before.access_log)).toEqual(["excuse: Excused from the assignment", "view_work: "]);
    expect(before.excusals).toHaveLength(1);

    const complete = await byAdmin();
    expect(complete.submissions![0]).toMatchObject({ feedback: `Well done ${w.name}.`, scored_count: 1, total_points: 3 });
    expect(complete.scores).toEqual([expect.objectContaining({ points: 3, comment: `Nice work, ${w.name}` })]);
    expect(complete.grade_events!.length).toBeGreaterThanOrEqual(3);
    expect(actions(complete.access_log)).toEqual([
      "excuse: Excused from the assignment",
      "grade: Ideation score and comment",
      "grade: Overall feedback",
      "view_work: ",
    ]);

    await returnWork(w.teacher.actor, w.section.id, w.assignment.id, [w.submission.id]);
    const after = await own();
    const completeAfter = await byAdmin();
    expect(after.submissions).toEqual(completeAfter.submissions);
    expect(after.submissions![0]).toMatchObject({ feedback: `Well done ${w.name}.`, scored_count: 1, total_points: 3 });
    expect(after.scores).toEqual(completeAfter.scores);
    expect(after.grade_events).toEqual(completeAfter.grade_events);
    expect(after.grade_events).toEqual(complete.grade_events);
    // The returned work's grading shows now.
    expect(actions(after.access_log)).toEqual(actions(completeAfter.access_log));
    expect(actions(after.access_log)).toContain("grade: Returned");
  });

  it("waits only for the student's own work: their teacher's own export keeps the grading they did", async () => {
    const w = await world({ returned: false });
    const teacherLog = (await exportPersonalData(w.teacher.actor, "own")).tables.access_log!;
    expect(teacherLog.filter((r) => r.action === "grade").map((r) => r.detail)).toEqual(
      expect.arrayContaining(["Ideation score and comment", "Overall feedback"]),
    );
    // The student's own, the same moment, has none of that work's grading.
    const studentLog = (await exportPersonalData(w.student.actor, "own")).tables.access_log!;
    expect(studentLog.filter((r) => r.action === "grade").map((r) => r.detail)).toEqual([]);
  });

  it("shows an excusal at once, even of work the student has started: grading of that draft waits for a return", async () => {
    const { teacher, section: s, assignment: a, student } = await classroom();
    await saveDraft(student.actor, a.id, 0, SAMPLE_DRAFTS.started);
    const draft = (await getStudentWork(student.actor, a.id)).submission!;
    await saveScore(teacher.actor, draft.id, "ideation", { points: 2 }, 0);
    await setExcused(teacher.actor, s.id, a.id, student.row.id, true);
    const log = (await exportPersonalData(student.actor, "own")).tables.access_log!;
    const theirs = log.filter((r) => r.assignment_id === a.id).map((r) => `${r.action}: ${r.detail}`);
    // Shown: the excusal, which the app shows them too. Not shown: the draft's score, never returned.
    expect(theirs).toEqual(["excuse: Excused from the assignment"]);
    const complete = (await exportPersonalData((await user("admin")).actor, { studentId: student.row.id })).tables.access_log!;
    expect(complete.filter((r) => r.assignment_id === a.id).map((r) => r.action)).toEqual(expect.arrayContaining(["grade", "excuse"]));
  });
});

describe("sign-in failure counts in a data export", () => {
  it("hold only the counts keyed by the email alone, never one naming a network address; the erasure removes both", async () => {
    const w = await world();
    for (const data of [
      await exportPersonalData(w.student.actor, "own"),
      await exportPersonalData(w.admin.actor, { studentId: w.student.row.id }),
    ]) {
      expect(data.tables.sign_in_throttle!.map((r) => r.key)).toEqual([`anywhere:${w.student.row.email}`]);
      expect(JSON.stringify(data)).not.toContain("203.0.113.9");
    }
    expect((await getErasurePreview(w.admin.actor, w.student.row.id)).counts.sign_in_throttle).toBe(2);
    await deleteQueuedFiles((await eraseStudent(w.admin.actor, w.student.row.id, w.student.row.email)).fileKeys);
    expect(JSON.stringify(await (await getDb()).select().from(signInThrottle))).not.toContain(w.student.row.email);
  });
});

describe("eraseStudent", () => {
  it("warns which gradebooks lose the student before anything goes", async () => {
    const w = await world();
    const preview = await getErasurePreview(w.admin.actor, w.student.row.id);
    expect(preview.gradebooks).toEqual([{ teacherName: w.teacher.row.name, sectionName: w.section.name, archived: false, graded: 1 }]);
    expect(preview.counts).toMatchObject({ submissions: 1, submission_images: 3, attempts: 1, scores: 1, enrollments: 1, invitations: 1 });
    await expect(getErasurePreview(w.teacher.actor, w.student.row.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a wrong confirmation, a non-student and anyone but an administrator, changing nothing", async () => {
    const w = await world();
    const before = await everything();
    await expect(eraseStudent(w.admin.actor, w.student.row.id, "someone else")).rejects.toBeInstanceOf(FieldError);
    await expect(eraseStudent(w.admin.actor, w.teacher.row.id, w.teacher.row.email)).rejects.toBeInstanceOf(NotFoundError);
    await expect(eraseStudent(w.admin.actor, w.admin.row.id, w.admin.row.email)).rejects.toBeInstanceOf(NotFoundError);
    await expect(eraseStudent(w.teacher.actor, w.student.row.id, w.student.row.email)).rejects.toBeInstanceOf(NotFoundError);
    await expect(eraseStudent(w.student.actor, w.student.row.id, w.student.row.email)).rejects.toBeInstanceOf(NotFoundError);
    expect(await everything()).toEqual(before);
  });

  it("leaves nothing of the student in any table or the uploads folder, and the classmate untouched", async () => {
    const w = await world();
    const classmateExport = (await exportPersonalData(w.classmate.actor, "own")).tables;
    const analyticsBefore = await getAssignmentAnalytics(w.teacher.actor, w.section.id, w.assignment.id);
    expect(w.files.every(onDisk)).toBe(true);

    // The name typed exactly (the email, in any case, works as well), its ë typed as e and a combining
    // diaeresis as some keyboards send it (Unicode NFD): the same name.
    expect(w.name.normalize("NFD")).not.toBe(w.name);
    const { fileKeys } = await eraseStudent(w.admin.actor, w.student.row.id, `  ${w.name.normalize("NFD")} `);
    expect(fileKeys.sort()).toEqual([...w.files].sort());
    expect((await listPendingFileDeletions()).sort()).toEqual([...w.files].sort());
    expect(await deleteQueuedFiles(fileKeys)).toEqual({ deleted: 6, failed: 0 });
    expect(await listPendingFileDeletions()).toEqual([]);

    const dump = await everything();
    for (const [table, text] of Object.entries(dump)) {
      for (const trace of [w.student.row.id, w.student.row.email, w.name])
        expect(text, `${table} still holds ${trace}`).not.toContain(trace);
    }
    expect(w.files.some(onDisk)).toBe(false);
    expect(onDisk(w.classmateKey)).toBe(true);

    // Grade history keeps that a change happened, not to whom, nor the comment text.
    const events = await (await getDb()).select().from(gradeEvents).where(eq(gradeEvents.assignmentId, w.assignment.id));
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.every((e) => e.submissionId === null)).toBe(true);
    expect(events.filter((e) => e.field !== "points").every((e) => e.oldValue === null && e.newValue === null)).toBe(true);
    // The access log keeps the look and records the erasure, neither naming the student.
    const log = await (await getDb()).select().from(accessLog);
    expect(log.some((r) => r.action === "view_work" && r.studentId === null && r.actorId === w.teacher.row.id)).toBe(true);
    expect(
      log.some(
        (r) => r.action === "erase" && r.actorId === w.admin.row.id && r.detail === erasedDetail(w.files.length) && r.studentId === null,
      ),
    ).toBe(true);

    // The classmate's data is exactly as it was (their export differs only by its own new access-log row).
    const after = (await exportPersonalData(w.classmate.actor, "own")).tables;
    expect({ ...after, access_log: [] }).toEqual({ ...classmateExport, access_log: [] });
    // The teacher's exports and analytics no longer count the student.
    const csv = JSON.stringify(await rowsOf(exportSection(w.teacher.actor, w.section.id)));
    expect(csv).toContain(w.classmate.row.email);
    expect(csv).not.toContain(w.student.row.email);
    const analytics = await getAssignmentAnalytics(w.teacher.actor, w.section.id, w.assignment.id);
    expect(analytics.students.length).toBe(analyticsBefore.students.length - 1);
    expect(analytics.counts).not.toEqual(analyticsBefore.counts);
  });

  it("keeps a file that fails to delete queued, and the purge deletes it later", async () => {
    const w = await world();
    const { fileKeys } = await eraseStudent(w.admin.actor, w.student.row.id, w.student.row.email.toUpperCase());
    const spy = vi.spyOn(storage, "deleteStoredFile").mockRejectedValueOnce(new Error("bucket unreachable"));
    expect(await deleteQueuedFiles(fileKeys)).toEqual({ deleted: 5, failed: 1 });
    spy.mockRestore();
    const [left] = await (await getDb()).select().from(pendingFileDeletions);
    expect(left).toMatchObject({ attempts: 1, lastError: "bucket unreachable" });
    expect(onDisk(left!.storageKey)).toBe(true);

    const report = await applyPurge(new Date(), 365);
    expect(report.files).toBe(1);
    expect(await deleteQueuedFiles(await listPendingFileDeletions())).toEqual({ deleted: 1, failed: 0 });
    expect(onDisk(left!.storageKey)).toBe(false);
    expect(await listPendingFileDeletions()).toEqual([]);
  });
});

describe("the erased student's name in the comment bank", () => {
  it("is taken out of the comments of the student's teachers; other comments, and other teachers', stay as they were", async () => {
    const w = await world();
    const first = w.name.split(" ")[0]!;
    const [archivedTeacher, stranger] = [await user("teacher"), await user("teacher")];
    // A class the student was removed from, long archived: its teacher's bank is theirs too.
    const archived = await section(archivedTeacher.row.id, { archivedAt: new Date() });
    await enrollment(archived.id, w.student.row.id, new Date());
    await acknowledgeErasure(archivedTeacher.actor, (await scheduleErasure(w.admin.actor, w.student.row.id)).id);
    await bankComment(w.teacher.actor, "Copy", `${first.toUpperCase()}: the headline works.`);
    await bankComment(w.teacher.actor, "Copy", `Tell ${w.classmate.row.name} about ${first}n's idea.`);
    await bankComment(archivedTeacher.actor, "Copy", `Good start, ${first}.`);
    await bankComment(stranger.actor, "Copy", `Nice work, ${w.name}`);
    const bank = async (teacherId: string) =>
      (await (await getDb()).select().from(bankedComments).where(eq(bankedComments.teacherId, teacherId))).map((b) => b.text).sort();
    const before = { teacher: await bank(w.teacher.row.id), stranger: await bank(stranger.row.id) };

    await deleteQueuedFiles((await eraseStudent(w.admin.actor, w.student.row.id, w.student.row.email)).fileKeys);

    expect(await bank(w.teacher.row.id)).toEqual(
      [
        "Strong picks.",
        "Nice work, [student]",
        "[student]: the headline works.",
        `Tell ${w.classmate.row.name} about ${first}n's idea.`,
      ].sort(),
    );
    expect(before.teacher).toContain(`Nice work, ${w.name}`);
    expect(await bank(archivedTeacher.row.id)).toEqual(["Good start, [student]."]);
    // Not a teacher of the student: whatever their comments say is not about this student.
    expect(await bank(stranger.row.id)).toEqual(before.stranger);
  });
});

describe("the teachers' warning before an erasure", () => {
  const DAY = 86_400_000;

  /** A student in two teachers' classes, and a teacher and a student elsewhere. */
  async function school() {
    const admin = await user("admin");
    const student = await user("student");
    const [tess, theo] = [await user("teacher"), await user("teacher")];
    const period3 = await section(tess.row.id, { name: "Period 3" });
    const art = await section(theo.row.id, { name: "Art", archivedAt: new Date() });
    await enrollment(period3.id, student.row.id);
    await enrollment(art.id, student.row.id, new Date()); // removed from an archived class: still in its gradebook
    const otherTeacher = await user("teacher");
    const elsewhere = await section(otherTeacher.row.id);
    const otherStudent = await user("student");
    await enrollment(elsewhere.id, otherStudent.row.id);
    return { admin, student, tess, theo, period3, art, otherTeacher, elsewhere, otherStudent };
  }
  const requestsOf = async (studentId: string) =>
    await (await getDb()).select().from(erasureRequests).where(eq(erasureRequests.studentId, studentId));
  const acknowledgementsOf = async (requestId: string) =>
    await (await getDb()).select().from(erasureAcknowledgements).where(eq(erasureAcknowledgements.requestId, requestId));

  it("schedules once per student, and each of the student's teachers (only they) sees the notice", async () => {
    const w = await school();
    expect((await getErasurePreview(w.admin.actor, w.student.row.id)).erasure).toMatchObject({ request: null, ready: false });
    const first = await scheduleErasure(w.admin.actor, w.student.row.id);
    const again = await scheduleErasure(w.admin.actor, w.student.row.id);
    expect(again).toEqual(first);
    expect(await requestsOf(w.student.row.id)).toHaveLength(1);
    const days = Math.round((first.eraseAfter.getTime() - first.requestedAt.getTime()) / DAY);
    expect(days).toBe(7);
    const log = await (await getDb()).select().from(accessLog).where(eq(accessLog.studentId, w.student.row.id));
    expect(log.filter((r) => r.action === "schedule_erasure")).toHaveLength(1);

    const [notice] = await listErasureNotices(w.tess.actor);
    expect(notice).toMatchObject({ requestId: first.id, studentName: w.student.row.name, acknowledgedAt: null });
    expect(notice!.sections).toEqual([{ id: w.period3.id, name: "Period 3" }]);
    expect(await listErasureNotices(w.tess.actor, w.period3.id)).toHaveLength(1);
    expect(await listErasureNotices(w.theo.actor, w.art.id)).toHaveLength(1);
    // Another teacher, another section of the teacher's, the students: nothing.
    expect(await listErasureNotices(w.otherTeacher.actor)).toEqual([]);
    expect(await listErasureNotices(w.tess.actor, w.art.id)).toEqual([]);
    expect(await listErasureNotices(w.student.actor)).toEqual([]);
    expect(await listErasureNotices(w.otherStudent.actor)).toEqual([]);
  });

  it("lets only the student's teachers acknowledge, and only an administrator schedule or cancel", async () => {
    const w = await school();
    for (const outsider of [w.tess, w.otherTeacher, w.student]) {
      await expect(scheduleErasure(outsider.actor, w.student.row.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await requestsOf(w.student.row.id)).toEqual([]);
    const request = await scheduleErasure(w.admin.actor, w.student.row.id);
    for (const outsider of [w.otherTeacher, w.student, w.otherStudent, w.admin]) {
      await expect(acknowledgeErasure(outsider.actor, request.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await acknowledgementsOf(request.id)).toEqual([]);
    await acknowledgeErasure(w.tess.actor, request.id);
    await acknowledgeErasure(w.tess.actor, request.id);
    expect(await acknowledgementsOf(request.id)).toHaveLength(1);
    const [notice] = await listErasureNotices(w.tess.actor);
    expect(notice!.acknowledgedAt).toBeInstanceOf(Date);
    expect((await listErasureNotices(w.theo.actor))[0]!.acknowledgedAt).toBeNull();

    for (const outsider of [w.tess, w.otherTeacher, w.student]) {
      await expect(cancelErasure(outsider.actor, w.student.row.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await requestsOf(w.student.row.id)).toHaveLength(1);
    expect(await cancelErasure(w.admin.actor, w.student.row.id)).toEqual({ cancelled: true });
    expect(await cancelErasure(w.admin.actor, w.student.row.id)).toEqual({ cancelled: false });
    expect(await requestsOf(w.student.row.id)).toEqual([]);
    expect(await acknowledgementsOf(request.id)).toEqual([]);
    expect(await listErasureNotices(w.tess.actor)).toEqual([]);
    const log = await (await getDb()).select().from(accessLog).where(eq(accessLog.studentId, w.student.row.id));
    expect(log.filter((r) => r.action === "cancel_erasure")).toHaveLength(1);
  });

  it("refuses the erasure until every teacher has acknowledged, then erases, leaving no request", async () => {
    const w = await school();
    const refused = async () => {
      const error = await eraseStudent(w.admin.actor, w.student.row.id, w.student.row.email).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FieldError);
      return (error as FieldError).fieldErrors.confirmation![0]!;
    };
    expect(await refused()).toContain("Warn the student's teachers first");
    const request = await scheduleErasure(w.admin.actor, w.student.row.id);
    expect(await refused()).toContain(`waiting for ${[w.tess.row.name, w.theo.row.name].sort().join(", ")}`);
    await acknowledgeErasure(w.tess.actor, request.id);
    expect(await refused()).toContain(`waiting for ${w.theo.row.name} to acknowledge`);
    expect((await getErasurePreview(w.admin.actor, w.student.row.id)).erasure.ready).toBe(false);
    await acknowledgeErasure(w.theo.actor, request.id);
    const preview = await getErasurePreview(w.admin.actor, w.student.row.id);
    expect(preview.erasure.ready).toBe(true);
    expect(preview.erasure.teachers.every((t) => t.acknowledgedAt !== null)).toBe(true);

    await eraseStudent(w.admin.actor, w.student.row.id, w.student.row.email);
    expect(await requestsOf(w.student.row.id)).toEqual([]);
    expect(await acknowledgementsOf(request.id)).toEqual([]);
    expect(await listErasureNotices(w.tess.actor)).toEqual([]);
    // The schedule's log row stays, without the student.
    const log = await (await getDb()).select().from(accessLog).where(eq(accessLog.actorId, w.admin.row.id));
    expect(log.find((r) => r.action === "schedule_erasure")).toMatchObject({ studentId: null, detail: "teachers warned" });
  });

  it("lets the erasure go ahead once the notice period has passed, without the acknowledgements", async () => {
    const w = await school();
    await scheduleErasure(w.admin.actor, w.student.row.id);
    await expect(eraseStudent(w.admin.actor, w.student.row.id, w.student.row.email)).rejects.toBeInstanceOf(FieldError);
    await (
      await getDatabase()
    ).writer
      .update(erasureRequests)
      .set({ eraseAfter: new Date(Date.now() - 1000) })
      .where(eq(erasureRequests.studentId, w.student.row.id));
    await eraseStudent(w.admin.actor, w.student.row.id, w.student.row.email);
    expect(await requestsOf(w.student.row.id)).toEqual([]);
  });

  it("erases a student in no class at once: there is nobody to warn", async () => {
    const w = await school();
    const loner = await user("student");
    expect((await getErasurePreview(w.admin.actor, loner.row.id)).erasure).toEqual({ request: null, teachers: [], ready: true });
    await eraseStudent(w.admin.actor, loner.row.id, loner.row.email);
    expect(await (await getDb()).select().from(users).where(eq(users.id, loner.row.id))).toEqual([]);
    // A student with teachers is still refused.
    await expect(eraseStudent(w.admin.actor, w.student.row.id, w.student.row.email)).rejects.toBeInstanceOf(FieldError);
  });
});

describe("the retention purge", () => {
  const DAY = 86_400_000;

  it("writes nothing on a dry run, and then removes exactly what has expired", async () => {
    const db = (await getDatabase()).writer;
    const now = new Date();
    const expired = await world();
    const kept = await world();
    // The classmate's teacher was warned of their erasure and has acknowledged: a student still on a
    // roster waits for that (below).
    await acknowledgeErasure(kept.teacher.actor, (await scheduleErasure(kept.admin.actor, kept.classmate.row.id)).id);
    // Expired: the first class archived 400 days ago; an account deactivated 400 days ago; an old sign-in.
    await db
      .update(sections)
      .set({ archivedAt: new Date(now.getTime() - 400 * DAY) })
      .where(eq(sections.id, expired.section.id));
    await db
      .update(users)
      .set({ deactivatedAt: new Date(now.getTime() - 400 * DAY) })
      .where(eq(users.id, kept.classmate.row.id));
    // A teacher deactivated long ago who still owns a section is skipped, and said so.
    await db
      .update(users)
      .set({ deactivatedAt: new Date(now.getTime() - 400 * DAY) })
      .where(eq(users.id, kept.teacher.row.id));
    // Not yet: archived 10 days ago, deactivated 10 days ago.
    await db
      .update(users)
      .set({ deactivatedAt: new Date(now.getTime() - 10 * DAY) })
      .where(eq(users.id, kept.student.row.id));
    await db.insert(signInEvents).values({ userId: kept.student.row.id, at: new Date(now.getTime() - 100 * DAY) });
    await db.insert(bankedComments).values({ teacherId: expired.teacher.row.id, criterionKey: "x", text: "kept" });

    const before = await everything();
    const plan = await planPurge(now, 365);
    expect(await everything()).toEqual(before);
    expect(plan).toMatchObject({
      sections: 1,
      submissions: 2, // the student's and the classmate's in the archived class
      images: 4,
      attempts: 1,
      scores: 1,
      stars: 1,
      excusals: 1,
      extensions: 1,
      accounts: 1,
      skipped: [
        { id: kept.teacher.row.id, email: kept.teacher.row.email, reason: expect.stringContaining("transfer them to another teacher") },
      ],
      signInEvents: 1,
    });

    const applied = await applyPurge(now, 365);
    expect({ ...applied, files: 0 }).toEqual({ ...plan, files: 0 });
    expect(await getStudentWork(kept.student.actor, kept.assignment.id)).toMatchObject({ submission: { id: kept.submission.id } });
    await expect(getStudentWork(expired.student.actor, expired.assignment.id)).resolves.toMatchObject({ submission: null });
    expect(await db.select().from(users).where(eq(users.id, kept.classmate.row.id))).toEqual([]);
    expect((await db.select().from(users).where(eq(users.id, kept.teacher.row.id))).length).toBe(1);
    // The erasure is in the access log, by the purge, as an administrator's is (naming nobody).
    const erasures = await db.select().from(accessLog).where(eq(accessLog.actorName, RETENTION_PURGE.name));
    expect(erasures).toContainEqual(
      expect.objectContaining({ action: "erase", actorId: null, actorRole: "admin", studentId: null, detail: erasedDetail(2) }),
    );
    expect((await db.select().from(signInEvents).where(eq(signInEvents.userId, kept.student.row.id))).length).toBe(1);
    // The expired class's files, and the erased classmate's, are queued and then deleted.
    const queued = await listPendingFileDeletions();
    expect(queued).toEqual(expect.arrayContaining(expired.files));
    expect(queued).toContain(kept.classmateKey);
    await deleteQueuedFiles(queued);
    expect(expired.files.some(onDisk)).toBe(false);
    expect(kept.files.every(onDisk)).toBe(true);
    // Nothing is left to do: a second run finds nothing.
    expect(await planPurge(now, 365)).toMatchObject({
      sections: 1,
      submissions: 0,
      excusals: 0,
      extensions: 0,
      accounts: 0,
      signInEvents: 0,
      files: 0,
    });
  });
});

describe("the retention purge of a teacher who left", () => {
  it("erases the account once their sections went to a colleague: their grading stays, by a former teacher, and the rest runs", async () => {
    const db = (await getDatabase()).writer;
    const now = new Date();
    const w = await world();
    const colleague = await user("teacher");
    await transferSection(w.admin.actor, w.section.id, colleague.row.email, { confirmed: true, fromTeacherId: w.section.teacherId });
    await db
      .update(users)
      .set({ deactivatedAt: new Date(now.getTime() - 400 * 86_400_000) })
      .where(eq(users.id, w.teacher.row.id));
    // Something else of the same run: an old sign-in, which goes only if the run commits.
    await db.insert(signInEvents).values({ userId: w.classmate.row.id, at: new Date(now.getTime() - 100 * 86_400_000) });
    const gradedBefore = await gradeHistory(colleague.actor, w.submission.id);
    expect(gradedBefore.length).toBeGreaterThanOrEqual(3);
    expect(gradedBefore.every((event) => event.by === w.teacher.row.name)).toBe(true);

    // (Other tests' accounts share the database: only this teacher is looked for.)
    const plan = await planPurge(now, 365);
    expect(plan.accounts).toBeGreaterThanOrEqual(1);
    expect(plan.skipped.map((account) => account.id)).not.toContain(w.teacher.row.id);
    const applied = await applyPurge(now, 365);
    expect(applied.skipped.map((account) => account.id)).not.toContain(w.teacher.row.id);
    expect(await db.select().from(signInEvents).where(eq(signInEvents.userId, w.classmate.row.id))).toEqual([]);

    expect(await db.select().from(users).where(eq(users.id, w.teacher.row.id))).toEqual([]);
    // Recorded as a teacher's account, not a student's.
    expect(await db.select().from(accessLog).where(eq(accessLog.actorName, RETENTION_PURGE.name))).toContainEqual(
      expect.objectContaining({ action: "erase", actorId: null, detail: expect.stringMatching(/^the deactivated account of a teacher; /) }),
    );
    const dump = await everything();
    for (const [table, text] of Object.entries(dump)) {
      for (const trace of [w.teacher.row.id, w.teacher.row.email]) expect(text, `${table} still holds ${trace}`).not.toContain(trace);
    }
    // The grades the student and the colleague read are as they were; who gave them is no longer said.
    expect(await listScores(colleague.actor, w.submission.id)).toContainEqual(
      expect.objectContaining({ criterionId: "ideation", points: 3, comment: `Nice work, ${w.name}` }),
    );
    const history = await gradeHistory(colleague.actor, w.submission.id);
    expect(history.map((event) => [event.field, event.at])).toEqual(gradedBefore.map((event) => [event.field, event.at]));
    expect(history.every((event) => event.by === FORMER_TEACHER)).toBe(true);
    // The colleague grades on, over the former teacher's score; a stale save says whose it was.
    const stale = await saveScore(colleague.actor, w.submission.id, "ideation", { points: 2 }, 0);
    expect(stale).toMatchObject({ saved: false, conflict: { by: FORMER_TEACHER, version: 1 } });
    expect(await saveScore(colleague.actor, w.submission.id, "ideation", { points: 2 }, 1)).toMatchObject({ saved: true });
  });
});

describe("the retention purge of a deactivated student", () => {
  const DAY = 86_400_000;

  /** A student on a teacher's roster and a student on none, both deactivated 400 days before `now`. */
  async function deactivated(now: Date) {
    const db = (await getDatabase()).writer;
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const student = await user("student");
    await enrollment(s.id, student.row.id);
    const loner = await user("student");
    for (const id of [student.row.id, loner.row.id]) {
      await db
        .update(users)
        .set({ deactivatedAt: new Date(now.getTime() - 400 * DAY) })
        .where(eq(users.id, id));
    }
    return { db, teacher, section: s, student, loner };
  }
  const requestsOf = async (studentId: string) =>
    await (await getDb()).select().from(erasureRequests).where(eq(erasureRequests.studentId, studentId));
  const accountOf = async (id: string) => await (await getDb()).select({ id: users.id }).from(users).where(eq(users.id, id));
  const purgeRows = async () => await (await getDb()).select().from(accessLog).where(eq(accessLog.actorName, RETENTION_PURGE.name));
  const skippedOf = (report: { skipped: { id: string; reason: string }[] }, id: string) => report.skipped.find((a) => a.id === id);

  it("warns a student's teachers and keeps the student until they acknowledge; a student on no roster goes at once", async () => {
    const now = new Date();
    const w = await deactivated(now);

    // The dry run says so and writes nothing.
    const plan = await planPurge(now, 365);
    expect(skippedOf(plan, w.student.row.id)?.reason).toMatch(
      /^is on a teacher's roster: its teachers are warned by `npm run purge -- --apply`/,
    );
    expect(skippedOf(plan, w.loner.row.id)).toBeUndefined();
    expect(await requestsOf(w.student.row.id)).toEqual([]);
    expect(await listErasureNotices(w.teacher.actor)).toEqual([]);

    const applied = await applyPurge(now, 365);
    // Its report says what this run did, not what a run with --apply would do; the rest as the dry run's.
    const [planned, reported] = [skippedOf(plan, w.student.row.id)!.reason, skippedOf(applied, w.student.row.id)!.reason];
    expect(reported).toMatch(
      /^is on a teacher's roster: its teachers are warned now \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\), and a purge after /,
    );
    expect(reported.slice(reported.indexOf(", and a purge after"))).toBe(planned.slice(planned.indexOf(", and a purge after")));
    expect(await accountOf(w.student.row.id)).toHaveLength(1);
    expect(await accountOf(w.loner.row.id)).toEqual([]);
    // Scheduled as an administrator would, by nobody's account: the teacher sees the notice.
    const [request] = await requestsOf(w.student.row.id);
    expect(request).toMatchObject({ requestedBy: null, requestedAt: now, eraseAfter: new Date(now.getTime() + 7 * DAY) });
    const [notice] = await listErasureNotices(w.teacher.actor);
    expect(notice).toMatchObject({ requestId: request!.id, studentName: w.student.row.name, sections: [{ id: w.section.id }] });
    expect(await purgeRows()).toContainEqual(
      expect.objectContaining({ action: "schedule_erasure", actorId: null, studentId: w.student.row.id, detail: "teachers warned" }),
    );

    // The next day's purge keeps waiting, and schedules nothing more.
    const next = await applyPurge(now, 365);
    expect(skippedOf(next, w.student.row.id)?.reason).toContain(`waiting for ${w.teacher.row.name}`);
    expect(await requestsOf(w.student.row.id)).toHaveLength(1);
    expect((await purgeRows()).filter((r) => r.action === "schedule_erasure" && r.studentId === w.student.row.id)).toHaveLength(1);

    // Once the teacher has kept what they need, the purge erases the student and records it.
    const erasedBefore = (await purgeRows()).filter((r) => r.action === "erase").length;
    await acknowledgeErasure(w.teacher.actor, request!.id);
    const done = await applyPurge(now, 365);
    expect(skippedOf(done, w.student.row.id)).toBeUndefined();
    expect(await accountOf(w.student.row.id)).toEqual([]);
    expect(await requestsOf(w.student.row.id)).toEqual([]);
    expect((await purgeRows()).filter((r) => r.action === "erase").length).toBe(erasedBefore + 1);
  });

  it("erases a warned student once the notice period has passed, without the acknowledgement", async () => {
    const now = new Date();
    const w = await deactivated(now);
    await applyPurge(now, 365);
    expect(await accountOf(w.student.row.id)).toHaveLength(1);
    await w.db
      .update(erasureRequests)
      .set({ eraseAfter: new Date(now.getTime() - 1000) })
      .where(eq(erasureRequests.studentId, w.student.row.id));
    expect(skippedOf(await applyPurge(now, 365), w.student.row.id)).toBeUndefined();
    expect(await accountOf(w.student.row.id)).toEqual([]);
  });
});

describe("the retention purge of signed-out sessions", () => {
  it("removes a record once its session's cookie would have expired, and keeps one that could still be used", async () => {
    const db = (await getDatabase()).writer;
    const now = new Date();
    const { row } = await user("student");
    const [expired, live] = [crypto.randomUUID(), crypto.randomUUID()];
    await db.insert(endedSessions).values([
      { sessionId: expired, userId: row.id, endsAt: new Date(now.getTime() - 1000) },
      { sessionId: live, userId: row.id, endsAt: new Date(now.getTime() + 60_000) },
    ]);
    const ids = async () => (await db.select().from(endedSessions).where(eq(endedSessions.userId, row.id))).map((r) => r.sessionId).sort();
    expect((await planPurge(now, 365)).endedSessions).toBeGreaterThanOrEqual(1);
    expect(await ids()).toEqual([expired, live].sort());
    await applyPurge(now, 365);
    expect(await ids()).toEqual([live]);
  });
});

describe("the retention purge of sign-in failure counts", () => {
  it("removes a count whose window has ended and which locks nothing, and keeps one still counting or locking", async () => {
    const db = (await getDatabase()).writer;
    const now = new Date();
    const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const tag = crypto.randomUUID().slice(0, 8);
    const rows = {
      [`account:203.0.113.7 spent-${tag}@example.org`]: { failures: 9, windowStartedAt: ago(16), lockedUntil: null },
      [`anywhere:lock-ended-${tag}@example.org`]: { failures: 0, windowStartedAt: ago(16), lockedUntil: ago(1) },
      [`account:203.0.113.7 counting-${tag}@example.org`]: { failures: 9, windowStartedAt: ago(14), lockedUntil: null },
      [`anywhere:locked-${tag}@example.org`]: { failures: 0, windowStartedAt: ago(10), lockedUntil: ago(-5) },
      [`address:198.51.100.${tag.length}`]: { failures: 0, windowStartedAt: ago(20), lockedUntil: ago(-1) },
    };
    await db.insert(signInThrottle).values(Object.entries(rows).map(([key, state]) => ({ key, ...state })));
    const keys = async () => (await db.select({ key: signInThrottle.key }).from(signInThrottle)).map((r) => r.key).sort();
    const before = await keys();

    expect((await planPurge(now, 365)).signInThrottle).toBe(2);
    expect(await keys()).toEqual(before);
    expect((await applyPurge(now, 365)).signInThrottle).toBe(2);
    const left = await keys();
    expect(left).not.toContain(`account:203.0.113.7 spent-${tag}@example.org`);
    expect(left).not.toContain(`anywhere:lock-ended-${tag}@example.org`);
    expect(left).toEqual(expect.arrayContaining(Object.keys(rows).slice(2)));
  });
});

async function rowsOf(result: Promise<{ rows: AsyncIterable<unknown> }>) {
  const read: unknown[] = [];
  for await (const row of (await result).rows) read.push(row);
  return read;
}
