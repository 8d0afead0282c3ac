import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getDatabase } from "@/db";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { assignments, attempts, scores, sections, submissions } from "@/db/schema";
import { FormError, NotFoundError } from "@/lib/errors";
import { classroom, enrollment, fakeImage, user } from "@/lib/test/factories";
import { emptyDraft, type Draft } from "@/lib/validations/workspace";
import { rubricVersion } from "@/lib/lesson/part-version";
import {
  createAssignment,
  getSubmissionForTeacher,
  getTeacherAssignment,
  listSectionAssignments,
  rubricIsLocked,
  updateLessonContent,
  updateRubric,
} from "./assignments";
import { noRoomFor } from "@/lib/image-checks";
import {
  addImage,
  deleteImage,
  getStudentWork,
  getViewableImage,
  GRAPHICS_CHANGED_ELSEWHERE,
  imagesHeld,
  listStudentAssignments,
  reorderImages,
  saveDraft,
  submitWork,
} from "./work";
import { listQueue } from "./queue";

/** Closes the assignment (due two days ago, closed yesterday), or opens it again (due tomorrow, no close date). */
const setClosed = async (assignmentId: string, closed: boolean) =>
  await (
    await getDatabase()
  ).writer
    .update(assignments)
    .set(
      closed
        ? { dueAt: new Date(Date.now() - 2 * 86_400_000), closeAt: new Date(Date.now() - 86_400_000) }
        : { dueAt: new Date(Date.now() + 86_400_000), closeAt: null },
    )
    .where(eq(assignments.id, assignmentId));
const draft = (copy: string): Draft => ({ ideas: [{ id: "i1", text: "favorite drink" }], picks: [], copy, answers: {} });

const complete = SAMPLE_DRAFTS.complete;

describe("drafts", () => {
  it("saves, bumps the version and reads back", async () => {
    const { student, assignment } = await classroom();
    expect(await getStudentWork(student.actor, assignment.id)).toMatchObject({ version: 0, status: "not_started" });
    expect(await saveDraft(student.actor, assignment.id, 0, draft("v1"))).toMatchObject({ saved: true, version: 1 });
    expect(await saveDraft(student.actor, assignment.id, 1, draft("v2"))).toMatchObject({ saved: true, version: 2 });
    const work = await getStudentWork(student.actor, assignment.id);
    expect(work).toMatchObject({ version: 2, status: "in_progress" });
    expect(work.draft.copy).toBe("v2");
  });

  it("refuses a save based on an older version and returns the newer draft (two tabs)", async () => {
    const { student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, draft("tab A"));
    const result = await saveDraft(student.actor, assignment.id, 0, draft("tab B"));
    expect(result).toMatchObject({ saved: false, conflict: { version: 1, draft: { copy: "tab A" } } });
    expect((await getStudentWork(student.actor, assignment.id)).draft.copy).toBe("tab A");
  });

  it("takes a save sent again after its answer was lost as saved, at the stored version; a different draft from that version is a conflict", async () => {
    const { student, assignment } = await classroom();
    const sent = { ...complete, copy: "Hi [Name], your year in coffee" };
    expect(await saveDraft(student.actor, assignment.id, 0, sent)).toMatchObject({ saved: true, version: 1 });
    // The answer never arrived: the tab sends the same draft again from version 0, keys in another order.
    const again = Object.fromEntries(Object.entries(sent).reverse()) as Draft;
    expect(await saveDraft(student.actor, assignment.id, 0, again)).toMatchObject({ saved: true, version: 1 });
    expect(await getStudentWork(student.actor, assignment.id)).toMatchObject({ version: 1, draft: { copy: sent.copy } });
    // Refused: one character more is a different draft, so the choice is the student's.
    const other = await saveDraft(student.actor, assignment.id, 0, { ...sent, copy: `${sent.copy}!` });
    expect(other).toMatchObject({ saved: false, conflict: { version: 1, draft: { copy: sent.copy } } });
  });

  it("saves one of two saves sent at once from the same version, and hands the other the conflict", async () => {
    // On PostgreSQL the two transactions can run side by side: serializable isolation (and a
    // retry for the loser) must still let only one of them write on top of version 1.
    const { student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, draft("v1"));
    const tabs = ["tab A", "tab B", "tab C", "tab D"];
    const results = await Promise.all(tabs.map((copy) => saveDraft(student.actor, assignment.id, 1, draft(copy))));
    const saved = results.flatMap((r, i) => (r.saved ? [tabs[i]!] : []));
    expect(saved).toHaveLength(1);
    for (const result of results) if (!result.saved) expect(result.conflict).toMatchObject({ version: 2, draft: { copy: saved[0] } });
    expect(await getStudentWork(student.actor, assignment.id)).toMatchObject({ version: 2, draft: { copy: saved[0] } });
  });

  it("keeps drafts but refuses changes once the assignment closes", async () => {
    const { student, assignment } = await classroom({
      dueAt: new Date(Date.now() - 2 * 86_400_000),
      closeAt: new Date(Date.now() - 86_400_000),
    });
    await expect(saveDraft(student.actor, assignment.id, 0, draft("late"))).rejects.toThrow(FormError);
    // Nothing was saved before it closed: nothing is said to be kept.
    const { state } = await getStudentWork(student.actor, assignment.id);
    expect(state).toMatchObject({ editable: false, reason: expect.stringMatching(/closed/) });
    expect(state.editable || state.reason).not.toMatch(/kept/);
  });

  it("tells a student who saved work before the close that it is kept", async () => {
    const { student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, draft("before the close"));
    await setClosed(assignment.id, true);
    const work = await getStudentWork(student.actor, assignment.id);
    expect(work.state).toMatchObject({
      editable: false,
      reason: "This assignment is closed, so nothing more can be saved or submitted. Your work so far is kept.",
    });
    expect(work.draft.copy).toBe("before the close");
  });

  it("tells a student who emptied their draft before the close nothing about work kept, until a graphic is there", async () => {
    const { student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, draft("soon deleted"));
    await saveDraft(student.actor, assignment.id, 1, { ...emptyDraft(), answers: { q1: "  " }, ideas: [{ id: "i1", text: "" }] });
    await setClosed(assignment.id, true);
    const closed = "This assignment is closed, so nothing more can be saved or submitted.";
    expect((await getStudentWork(student.actor, assignment.id)).state).toMatchObject({ editable: false, reason: closed });
    await expect(saveDraft(student.actor, assignment.id, 2, draft("too late"))).rejects.toMatchObject({ message: closed, code: "closed" });
    // A graphic is work: kept, and said so.
    await setClosed(assignment.id, false);
    await addImage(student.actor, assignment.id, fakeImage(), "");
    await setClosed(assignment.id, true);
    const kept = `${closed} Your work so far is kept.`;
    expect((await getStudentWork(student.actor, assignment.id)).state).toMatchObject({ editable: false, reason: kept });
    await expect(saveDraft(student.actor, assignment.id, 2, draft("too late"))).rejects.toMatchObject({ message: kept, code: "closed" });
  });

  it("tells a student who handed in, then emptied their draft, that their work is kept: the attempt is", async () => {
    const { student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, complete);
    await addImage(student.actor, assignment.id, fakeImage(), "My card");
    await submitWork(student.actor, assignment.id, 1, true);
    const { images } = await getStudentWork(student.actor, assignment.id);
    for (const image of images) await deleteImage(student.actor, image.id);
    await saveDraft(student.actor, assignment.id, 1, emptyDraft());
    await setClosed(assignment.id, true);
    const kept = "This assignment is closed, so nothing more can be saved or submitted. Your work so far is kept.";
    expect((await getStudentWork(student.actor, assignment.id)).state).toMatchObject({ editable: false, reason: kept });
    await expect(saveDraft(student.actor, assignment.id, 2, draft("too late"))).rejects.toMatchObject({ message: kept });
  });

  it("answers NotFound to a student who is not (or no longer) in the section", async () => {
    const { section, assignment } = await classroom();
    const outsider = await user("student");
    await expect(getStudentWork(outsider.actor, assignment.id)).rejects.toThrow(NotFoundError);
    await expect(saveDraft(outsider.actor, assignment.id, 0, draft("x"))).rejects.toThrow(NotFoundError);
    const removed = await user("student");
    await enrollment(section.id, removed.row.id, new Date());
    await expect(getStudentWork(removed.actor, assignment.id)).rejects.toThrow(NotFoundError);
  });
});

describe("submitting", () => {
  it("records server time, counts attempts and snapshots text and images", async () => {
    const { student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, complete);
    await addImage(student.actor, assignment.id, fakeImage(), "My card");
    const now = new Date();
    expect(await submitWork(student.actor, assignment.id, 1, false, now)).toEqual({ number: 1, late: false, submittedAt: now });
    await saveDraft(student.actor, assignment.id, 1, { ...complete, copy: complete.copy + " See you soon!" });
    expect((await submitWork(student.actor, assignment.id, 2, false)).number).toBe(2);
    const work = await getStudentWork(student.actor, assignment.id);
    expect(work.status).toBe("submitted");
    const rows = await (await getDb()).select().from(attempts).where(eq(attempts.submissionId, work.submission!.id));
    expect(rows.map((r) => r.number).sort()).toEqual([1, 2]);
    expect(rows.find((r) => r.number === 1)!.snapshot).toMatchObject({ draft: { copy: complete.copy }, images: [{ caption: "My card" }] });
  });

  it("refuses to hand in the same work again, and takes it once anything a teacher would see has changed", async () => {
    // Past the due date, an unchanged second submission would have turned on-time work late.
    const { student, assignment } = await classroom({ dueAt: new Date(Date.now() + 60_000) });
    await saveDraft(student.actor, assignment.id, 0, complete);
    const image = await addImage(student.actor, assignment.id, fakeImage(), "My card");
    expect(await submitWork(student.actor, assignment.id, 1, true)).toMatchObject({ number: 1, late: false });
    const after = new Date(Date.now() + 120_000);
    const refused = submitWork(student.actor, assignment.id, 1, true, after);
    await expect(refused).rejects.toThrow("Nothing has changed since attempt 1, so there is nothing new to submit");
    await expect(refused).rejects.toMatchObject({ code: "unchanged" });
    // A space at the end of the copy is not a change either (the teacher sees the same words).
    await saveDraft(student.actor, assignment.id, 1, { ...complete, copy: `${complete.copy}  ` });
    await expect(submitWork(student.actor, assignment.id, 2, true, after)).rejects.toMatchObject({ code: "unchanged" });
    const work = await getStudentWork(student.actor, assignment.id);
    expect(work.status).toBe("submitted");
    expect(work.submission!.attemptCount).toBe(1);

    // Allowed: an answer changed; then a graphic added; then one removed.
    const question = Object.keys(complete.answers)[0]!;
    await saveDraft(student.actor, assignment.id, 2, { ...complete, answers: { ...complete.answers, [question]: "A better answer." } });
    expect(await submitWork(student.actor, assignment.id, 3, true, after)).toMatchObject({ number: 2, late: true });
    await addImage(student.actor, assignment.id, fakeImage(), "");
    expect((await submitWork(student.actor, assignment.id, 3, true, after)).number).toBe(3);
    await deleteImage(student.actor, image.id);
    expect((await submitWork(student.actor, assignment.id, 3, true, after)).number).toBe(4);
  });

  it("marks work submitted after the due date late", async () => {
    const { student, assignment } = await classroom({ dueAt: new Date(Date.now() - 60_000) });
    await saveDraft(student.actor, assignment.id, 0, complete);
    expect((await submitWork(student.actor, assignment.id, 1, true)).late).toBe(true);
    expect((await getStudentWork(student.actor, assignment.id)).status).toBe("submitted_late");
  });

  it("refuses after the close date, and after the due date when late work is not accepted", async () => {
    const closed = await classroom({ dueAt: new Date(Date.now() - 60_000), acceptLate: false });
    await expect(submitWork(closed.student.actor, closed.assignment.id, 0, true)).rejects.toThrow(/late work/);
  });

  it("needs confirmation to submit incomplete work, and the latest saved version", async () => {
    const { student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, draft("just started"));
    await expect(submitWork(student.actor, assignment.id, 1, false)).rejects.toThrow(/Confirm/);
    await expect(submitWork(student.actor, assignment.id, 0, true)).rejects.toThrow(/changed in another tab/);
    expect((await submitWork(student.actor, assignment.id, 1, true)).number).toBe(1);
  });

  it("refuses changes once the teacher returned the work", async () => {
    const { student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, complete);
    await submitWork(student.actor, assignment.id, 1, true);
    await (
      await getDatabase()
    ).writer
      .update(submissions)
      .set({ returnedAt: new Date() })
      .where(eq(submissions.assignmentId, assignment.id));
    await expect(saveDraft(student.actor, assignment.id, 1, complete)).rejects.toThrow(/returned/);
  });
});

describe("refusal codes (ADR 007)", () => {
  const codeOf = async (refused: () => Promise<unknown>) => {
    try {
      await refused();
    } catch (error) {
      return error instanceof FormError ? error.code : error;
    }
    throw new Error("expected a refusal");
  };

  it("names why the work can't change: closed, archived, stale, or invalid input", async () => {
    const late = await classroom({ dueAt: new Date(Date.now() - 60_000), acceptLate: false });
    expect(await codeOf(async () => await saveDraft(late.student.actor, late.assignment.id, 0, complete))).toBe("closed");

    const { student, section, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, draft("just started"));
    expect(await codeOf(async () => await submitWork(student.actor, assignment.id, 0, true))).toBe("stale");
    expect(await codeOf(async () => await submitWork(student.actor, assignment.id, 1, false))).toBe("invalid");
    expect((await listStudentAssignments(student.actor)).find((a) => a.id === assignment.id)).toMatchObject({ archived: false });
    await (await getDatabase()).writer.update(sections).set({ archivedAt: new Date() }).where(eq(sections.id, section.id));
    expect(await codeOf(async () => await saveDraft(student.actor, assignment.id, 1, complete))).toBe("archived");
    // My classes knows it too, and lists it after what can still be handed in (studentListOrder).
    expect((await listStudentAssignments(student.actor)).find((a) => a.id === assignment.id)).toMatchObject({ archived: true });
  });
});

describe("images", () => {
  it("refuses a sixth image", async () => {
    const { student, assignment } = await classroom();
    for (let i = 0; i < 5; i++) await addImage(student.actor, assignment.id, fakeImage(), "");
    await expect(addImage(student.actor, assignment.id, fakeImage(), "")).rejects.toThrow(/up to 5/);
    expect((await getStudentWork(student.actor, assignment.id)).images).toHaveLength(5);
  });

  it("keeps the order the images were picked in, whatever order their uploads finish in", async () => {
    const { student, assignment } = await classroom();
    const first = await addImage(student.actor, assignment.id, fakeImage(), "already there");
    // Four picked at once, places 1 to 4 reserved at pick time; they reach the database together,
    // the last picked first.
    const picked = [4, 3, 2, 1].map((position) => ({ position, caption: `picked ${position}` }));
    await Promise.all(picked.map(({ position, caption }) => addImage(student.actor, assignment.id, fakeImage(), caption, { position })));
    const captions = (await getStudentWork(student.actor, assignment.id)).images.map((i) => i.caption);
    expect(captions).toEqual([first.caption, "picked 1", "picked 2", "picked 3", "picked 4"]);
  });

  it("reorders the graphics the page has, puts one that arrived since after them, and moves nothing for one deleted elsewhere", async () => {
    const { student, assignment } = await classroom();
    const a = await addImage(student.actor, assignment.id, fakeImage(), "a");
    const b = await addImage(student.actor, assignment.id, fakeImage(), "b");
    const captions = async () => (await getStudentWork(student.actor, assignment.id)).images.map((i) => i.caption);
    await reorderImages(student.actor, assignment.id, [b.id, a.id]);
    expect(await captions()).toEqual(["b", "a"]);
    // An upload reaches the server before the page has its answer: the page's list of two still moves, and the new one stays last.
    const c = await addImage(student.actor, assignment.id, fakeImage(), "c");
    await reorderImages(student.actor, assignment.id, [a.id, b.id]);
    expect(await captions()).toEqual(["a", "b", "c"]);
    await reorderImages(student.actor, assignment.id, [c.id, b.id, a.id]);
    expect(await captions()).toEqual(["c", "b", "a"]);
    // Another tab deletes "b": a list that still has it moves nothing. Nor does a list naming one twice.
    await deleteImage(student.actor, b.id);
    for (const stale of [
      [a.id, b.id, c.id],
      [a.id, a.id, c.id],
    ]) {
      const refusal = await reorderImages(student.actor, assignment.id, stale).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(FormError);
      expect(refusal).toMatchObject({ message: GRAPHICS_CHANGED_ELSEWHERE, code: "stale" });
      expect(await captions()).toEqual(["c", "a"]);
    }
  });

  it("puts an image with no reserved place after the others, gaps and all", async () => {
    const { student, assignment } = await classroom();
    await addImage(student.actor, assignment.id, fakeImage(), "a", { position: 7 });
    const last = await addImage(student.actor, assignment.id, fakeImage(), "b");
    expect(last.position).toBe(8);
    expect((await getStudentWork(student.actor, assignment.id)).images.map((i) => i.caption)).toEqual(["a", "b"]);
  });

  it("deletes never-submitted images outright, but only hides submitted ones", async () => {
    const { student, assignment } = await classroom();
    const kept = await addImage(student.actor, assignment.id, fakeImage(), "");
    await saveDraft(student.actor, assignment.id, 0, complete);
    await submitWork(student.actor, assignment.id, 1, true);
    const fresh = await addImage(student.actor, assignment.id, fakeImage(), "");
    expect((await deleteImage(student.actor, fresh.id)).deletedKeys).toEqual([fresh.storageKey, fresh.thumbnailKey]);
    expect((await deleteImage(student.actor, kept.id)).deletedKeys).toEqual([]);
    expect((await getStudentWork(student.actor, assignment.id)).images).toHaveLength(0);
  });

  it("only hides an image its attempt froze, even when the upload landed just after the submit read its clock", async () => {
    const { teacher, student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, complete);
    // A submit racing an upload: its time is read, the upload commits, then the submit's transaction runs.
    const clockRead = new Date(Date.now() - 1000);
    const raced = await addImage(student.actor, assignment.id, fakeImage(), "the racing upload");
    await submitWork(student.actor, assignment.id, 1, true, clockRead);
    expect(raced.createdAt.getTime()).toBeGreaterThan(clockRead.getTime());
    expect((await deleteImage(student.actor, raced.id)).deletedKeys).toEqual([]);
    // The attempt still shows it to the teacher; the student's draft no longer has it.
    expect((await getViewableImage(teacher.actor, raced.id)).id).toBe(raced.id);
    expect((await getStudentWork(student.actor, assignment.id)).images).toHaveLength(0);
  });

  it("keeps at most 100 MB of one student's graphics for an assignment, counting those kept for earlier attempts", async () => {
    const { student, assignment } = await classroom();
    const MB = 1024 * 1024;
    const big = () => ({ ...fakeImage(), bytes: 40 * MB });
    // Handed in, deleted, another uploaded: the first stays (its attempt shows it) and still counts.
    const first = await addImage(student.actor, assignment.id, big(), "");
    await saveDraft(student.actor, assignment.id, 0, complete);
    await submitWork(student.actor, assignment.id, 1, true);
    await deleteImage(student.actor, first.id);
    await addImage(student.actor, assignment.id, big(), "");
    expect(await imagesHeld(student.actor, assignment.id)).toEqual({ live: 1, bytes: 80 * MB });
    // 20 MB more fits exactly; a byte more does not, and nothing is added.
    await expect(addImage(student.actor, assignment.id, { ...fakeImage(), bytes: 20 * MB + 1 }, "")).rejects.toThrow(
      /reached 100 MB, the most one assignment keeps/,
    );
    await addImage(student.actor, assignment.id, { ...fakeImage(), bytes: 20 * MB }, "");
    expect(await imagesHeld(student.actor, assignment.id)).toEqual({ live: 2, bytes: 100 * MB });
    expect(noRoomFor(await imagesHeld(student.actor, assignment.id), 1)).toMatch(/no more can be added/);
    // A graphic never handed in is deleted outright, and its bytes with it.
    const draftOnly = (await getStudentWork(student.actor, assignment.id)).images.at(-1)!;
    await deleteImage(student.actor, draftOnly.id);
    expect(await imagesHeld(student.actor, assignment.id)).toEqual({ live: 1, bytes: 80 * MB });
    expect(noRoomFor(await imagesHeld(student.actor, assignment.id), 1)).toBeNull();
  });

  it("is viewable by its student and the section's teacher only", async () => {
    const { teacher, student, assignment } = await classroom();
    const image = await addImage(student.actor, assignment.id, fakeImage(), "");
    expect((await getViewableImage(student.actor, image.id)).id).toBe(image.id);
    expect((await getViewableImage(teacher.actor, image.id)).id).toBe(image.id);
    await expect(getViewableImage((await user("student")).actor, image.id)).rejects.toThrow(NotFoundError);
    await expect(getViewableImage((await user("teacher")).actor, image.id)).rejects.toThrow(NotFoundError);
    await expect(deleteImage((await user("student")).actor, image.id)).rejects.toThrow(NotFoundError);
  });
});

describe("teacher side", () => {
  it("gives each assignment its own copy of the lesson", async () => {
    const { teacher, section } = await classroom();
    const settings = { title: "A", instructions: "", dueAt: new Date(Date.now() + 1e6), acceptLate: true, closeAt: null };
    const a = await createAssignment(teacher.actor, section.id, settings);
    const b = await createAssignment(teacher.actor, section.id, { ...settings, title: "B" });
    const dataset = structuredClone(a.content.dataset);
    dataset.rows[0]!.values.drink = "Flat White";
    await updateLessonContent(teacher.actor, section.id, a.id, { dataset });
    const list = await listSectionAssignments(teacher.actor, section.id);
    expect(list.map((x) => x.title)).toEqual(expect.arrayContaining(["A", "B"]));
    await expect(updateLessonContent((await user("teacher")).actor, section.id, b.id, { dataset })).rejects.toThrow(NotFoundError);
  });

  it("counts students by status", async () => {
    const { teacher, section, student, assignment } = await classroom();
    const second = await user("student");
    await enrollment(section.id, second.row.id);
    const third = await user("student");
    await enrollment(section.id, third.row.id);
    await saveDraft(student.actor, assignment.id, 0, complete);
    await submitWork(student.actor, assignment.id, 1, true);
    await saveDraft(second.actor, assignment.id, 0, draft("x"));
    const row = (await listSectionAssignments(teacher.actor, section.id)).find((a) => a.id === assignment.id)!;
    expect(row).toMatchObject({ enrolled: 3, notStarted: 1, inProgress: 1, submitted: 1, late: 0 });
    const statuses = (await listQueue(teacher.actor, section.id, assignment.id)).entries.map((s) => s.status).sort();
    expect(statuses).toEqual(["in_progress", "not_started", "submitted"]);
    expect((await listStudentAssignments(student.actor)).find((a) => a.id === assignment.id)?.status).toBe("submitted");
  });

  it("shows the section's teacher a student's draft and every attempt, and nobody else", async () => {
    const { teacher, section, student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, complete);
    await submitWork(student.actor, assignment.id, 1, true);
    await saveDraft(student.actor, assignment.id, 1, { ...complete, copy: "changed after submitting" });
    const view = await getSubmissionForTeacher(teacher.actor, section.id, assignment.id, student.row.id);
    expect(view.submission?.draft.copy).toBe("changed after submitting");
    expect(view.attempts.map((a) => a.snapshot.draft.copy)).toEqual([complete.copy]);
    await expect(getSubmissionForTeacher((await user("teacher")).actor, section.id, assignment.id, student.row.id)).rejects.toThrow(
      NotFoundError,
    );
    await expect(getSubmissionForTeacher(teacher.actor, section.id, assignment.id, (await user("student")).row.id)).rejects.toThrow(
      NotFoundError,
    );
  });

  it("locks the rubric once any score exists, with a reason", async () => {
    const { teacher, section, student, assignment } = await classroom();
    const rubric = structuredClone(assignment.rubric);
    rubric.criteria[0]!.title = "Ideas";
    await updateRubric(teacher.actor, section.id, assignment.id, rubric, rubricVersion(assignment.rubric));
    expect((await getTeacherAssignment(teacher.actor, section.id, assignment.id)).rubric.criteria[0]!.title).toBe("Ideas");
    await saveDraft(student.actor, assignment.id, 0, complete);
    const submission = (await getStudentWork(student.actor, assignment.id)).submission!;
    await (
      await getDatabase()
    ).writer
      .insert(scores)
      .values({ submissionId: submission.id, criterionId: "ideation", points: 3, updatedBy: teacher.row.id });
    expect(await rubricIsLocked(teacher.actor, section.id, assignment.id)).toBe(true);
    await expect(updateRubric(teacher.actor, section.id, assignment.id, rubric, rubricVersion(rubric))).rejects.toThrow(
      /already been scored/,
    );
  });
});
