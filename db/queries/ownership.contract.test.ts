import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { sections, users } from "@/db/schema";
import { UNKNOWN_ADDRESS } from "@/lib/client-address";
import { FormError, NotFoundError } from "@/lib/errors";
import { DEFAULT_QUEUE_VIEW } from "@/lib/grading-queue";
import { readRosterInput } from "@/lib/roster";
import { accountFilterSchema, sectionFilterSchema } from "@/lib/validations/admin";
import { assignment, enrollment, fakeImage, section, user } from "@/lib/test/factories";
import type { SessionUser } from "./accounts";
import { rubricVersion, settingsVersion } from "@/lib/lesson/part-version";
import { getTeacherAssignment, listSectionAssignments } from "./assignments";
import { bankComment, returnWork, saveScore } from "./grading";
import { importRoster, listSectionInvitations } from "./roster";
import { addImage, getStudentWork, saveDraft, submitWork } from "./work";

/**
 * The ownership contract: every function the query layer exports is called here as an outsider
 * (another teacher, a student of another section, a classmate who does not own the row) and as
 * the owner. Each denial is paired with a success, because a denial-only test also passes when a
 * feature is simply broken. A new export that is not listed below fails the walk, so nobody can
 * add a query without saying who may call it.
 */

const modules = import.meta.glob<Record<string, unknown>>(["./*.ts", "!./*.test.ts"], { eager: true });

/** A class with work in it, plus everyone who must not reach it. Fresh for every check. */
async function world() {
  const teacher = await user("teacher");
  const s = await section(teacher.row.id);
  const a = await assignment(s.id);
  const unscored = await assignment(s.id);
  const archived = await section(teacher.row.id, { archivedAt: new Date() });
  const student = await user("student");
  const studentEnrollment = await enrollment(s.id, student.row.id);
  const classmate = await user("student");
  await enrollment(s.id, classmate.row.id);

  await saveDraft(student.actor, a.id, 0, SAMPLE_DRAFTS.complete);
  const image = await addImage(student.actor, a.id, fakeImage(), "Sarah's card");
  await submitWork(student.actor, a.id, 1, true);
  const submission = (await getStudentWork(student.actor, a.id)).submission!;
  await saveScore(teacher.actor, submission.id, "ideation", { points: 3 }, 0);
  await saveDraft(classmate.actor, a.id, 0, SAMPLE_DRAFTS.started);
  const comment = await bankComment(teacher.actor, "Ideation", "Strong picks.");

  const invitee = await user("student");
  const createdEmail = `made-${crypto.randomUUID()}@school.org`;
  const lines = readRosterInput({ text: `Invited Person,${invitee.row.email}\nMade Here,${createdEmail}` }).lines;
  const created = (await importRoster(teacher.actor, s.id, lines, new Map([[createdEmail, { password: "pw", passwordHash: "hash" }]])))
    .created[0]!;
  const invitation = (await listSectionInvitations(teacher.actor, s.id))[0]!;

  const otherTeacher = await user("teacher");
  const admin = await user("admin");
  const otherSection = await section(otherTeacher.row.id);
  const otherAssignment = await assignment(otherSection.id);
  const outsider = await user("student");
  await enrollment(otherSection.id, outsider.row.id);

  return {
    admin: admin.actor,
    teacher: teacher.actor,
    student: student.actor,
    classmate: classmate.actor,
    invitee: invitee.actor,
    otherTeacher: otherTeacher.actor,
    outsider: outsider.actor,
    section: s,
    archived,
    assignment: a,
    unscored,
    submission,
    image,
    comment,
    studentEnrollment,
    created,
    invitation,
    lines,
    otherSection,
    otherAssignment,
  };
}
type World = Awaited<ReturnType<typeof world>>;

const settings = {
  title: "Year in Review",
  instructions: "Go.",
  dueAt: new Date(Date.now() + 86_400_000),
  acceptLate: true,
  closeAt: null,
};

type Contract = {
  /** The rightful caller; must not throw, and `shows` (when given) must hold of the result. */
  owner: (w: World) => unknown;
  shows?: (result: unknown, w: World) => boolean;
  /** Everyone else: each call must throw NotFoundError (or the error named), or, for a scoped list, return none of the owner's rows. */
  outsiders: (w: World) => Record<string, () => unknown> | Promise<Record<string, () => unknown>>;
  /** For queries scoped by the actor alone (lists, one's own work): what an outsider's result must not contain. */
  excludes?: (result: unknown, w: World) => boolean;
  /** An outsider's call that is refused otherwise than by NotFoundError, and changes nothing. */
  alsoRefusedWith?: typeof FormError;
};

const ids = (rows: unknown) => JSON.stringify(rows);
const mentions = (id: string) => (result: unknown) => ids(result).includes(id);
const lacks = (id: string) => (result: unknown) => !ids(result).includes(id);
const rows = async (result: unknown) => {
  const read: unknown[] = [];
  for await (const row of ((await result) as { rows: AsyncIterable<unknown> }).rows) read.push(row);
  return read;
};

/** Everyone but an administrator: the class's teacher, another teacher, the student, a classmate, a student elsewhere. */
const adminOutsiders = (call: (actor: SessionUser, w: World) => unknown) => (w: World) => ({
  "the section's teacher": () => call(w.teacher, w),
  "another teacher": () => call(w.otherTeacher, w),
  "the student": () => call(w.student, w),
  "a classmate": () => call(w.classmate, w),
  "a student of another section": () => call(w.outsider, w),
});

const teacherOutsiders = (call: (actor: SessionUser) => unknown) => (w: World) => ({
  "another teacher": () => call(w.otherTeacher),
  "a student of the section": () => call(w.student),
  "a student of another section": () => call(w.outsider),
});

const CONTRACT: Record<string, Contract> = {
  // ——— sections ———
  listTeacherSections: {
    owner: (w) => listOf("listTeacherSections")(w.teacher, { archived: false }),
    shows: (r, w) => mentions(w.section.id)(r),
    outsiders: (w) => ({
      "another teacher": () => listOf("listTeacherSections")(w.otherTeacher, { archived: false }),
      "a student": () => listOf("listTeacherSections")(w.student, { archived: false }),
    }),
    excludes: (r, w) => lacks(w.section.id)(r),
  },
  countArchivedSections: {
    owner: (w) => call("countArchivedSections", w.teacher),
    shows: (r) => r === 1,
    outsiders: (w) => ({ "another teacher": () => call("countArchivedSections", w.otherTeacher) }),
    excludes: (r) => r === 0,
  },
  getTeacherSection: {
    owner: (w) => call("getTeacherSection", w.teacher, w.section.id),
    outsiders: teacherOutsiders((x) => call("getTeacherSection", x, W().section.id)),
  },
  createSection: {
    owner: (w) => call("createSection", w.teacher, { name: "New", term: null }),
    shows: (r, w) => (r as { teacherId: string }).teacherId === w.teacher.id,
    // Creates a row owned by whoever calls it: nothing foreign to reach.
    outsiders: () => ({}),
  },
  renameSection: sectionWrite((actor, w) => call("renameSection", actor, w.section.id, { name: "Renamed", term: null })),
  setSectionArchived: sectionWrite((actor, w) => call("setSectionArchived", actor, w.section.id, true)),
  setJoinEnabled: sectionWrite((actor, w) => call("setJoinEnabled", actor, w.section.id, false)),
  regenerateJoinCode: sectionWrite((actor, w) => call("regenerateJoinCode", actor, w.section.id)),
  listRoster: {
    owner: (w) => call("listRoster", w.teacher, w.section.id),
    shows: (r, w) => mentions(w.student.id)(r),
    outsiders: teacherOutsiders((x) => call("listRoster", x, W().section.id)),
  },
  setEnrollmentRemoved: {
    owner: (w) => call("setEnrollmentRemoved", w.teacher, w.section.id, w.studentEnrollment.id, true),
    outsiders: (w) => ({
      "another teacher": () => call("setEnrollmentRemoved", w.otherTeacher, w.section.id, w.studentEnrollment.id, true),
      "another teacher, through their own section": () =>
        call("setEnrollmentRemoved", w.otherTeacher, w.otherSection.id, w.studentEnrollment.id, true),
      "the student": () => call("setEnrollmentRemoved", w.student, w.section.id, w.studentEnrollment.id, true),
    }),
  },

  // ——— assignments ———
  createAssignment: sectionWrite((actor, w) => call("createAssignment", actor, w.section.id, settings)),
  getTeacherAssignment: assignmentRead((actor, sectionId, assignmentId) => call("getTeacherAssignment", actor, sectionId, assignmentId)),
  updateAssignmentSettings: assignmentRead(async (actor, sectionId, assignmentId) => {
    // Based on the settings as they are now (the teacher's own, for an outsider: they can't read them).
    const seen = settingsVersion(await getTeacherAssignment(W().teacher, W().section.id, W().assignment.id));
    return await call("updateAssignmentSettings", actor, sectionId, assignmentId, settings, seen);
  }),
  updateLessonContent: assignmentRead((actor, sectionId, assignmentId) =>
    call("updateLessonContent", actor, sectionId, assignmentId, { brief: "New brief" }),
  ),
  rubricIsLocked: assignmentRead((actor, sectionId, assignmentId) => call("rubricIsLocked", actor, sectionId, assignmentId)),
  updateRubric: {
    owner: (w) => call("updateRubric", w.teacher, w.section.id, w.unscored.id, w.unscored.rubric, rubricVersion(w.unscored.rubric)),
    outsiders: teacherOutsiders((x) =>
      call("updateRubric", x, W().section.id, W().unscored.id, W().unscored.rubric, rubricVersion(W().unscored.rubric)),
    ),
  },
  listSectionAssignments: {
    owner: (w) => call("listSectionAssignments", w.teacher, w.section.id),
    shows: (r, w) => mentions(w.assignment.id)(r),
    outsiders: teacherOutsiders((x) => call("listSectionAssignments", x, W().section.id)),
  },
  getSubmissionForTeacher: {
    owner: (w) => call("getSubmissionForTeacher", w.teacher, w.section.id, w.assignment.id, w.student.id),
    shows: (r, w) => (r as { submission: { id: string } }).submission.id === w.submission.id,
    outsiders: (w) => ({
      ...teacherOutsiders((x) => call("getSubmissionForTeacher", x, w.section.id, w.assignment.id, w.student.id))(w),
      "the teacher, asking for a student of another section": () =>
        call("getSubmissionForTeacher", w.teacher, w.section.id, w.assignment.id, w.outsider.id),
    }),
  },
  setExcused: {
    owner: (w) => call("setExcused", w.teacher, w.section.id, w.assignment.id, w.classmate.id, true),
    shows: (r) => (r as { excused: boolean }).excused,
    outsiders: (w) => ({
      ...teacherOutsiders((x) => call("setExcused", x, w.section.id, w.assignment.id, w.classmate.id, true))(w),
      "another teacher, naming their own section": () =>
        call("setExcused", w.otherTeacher, w.otherSection.id, w.assignment.id, w.classmate.id, true),
      "the teacher, excusing a student of another section": () =>
        call("setExcused", w.teacher, w.section.id, w.assignment.id, w.outsider.id, true),
      "the teacher, on another teacher's assignment": () =>
        call("setExcused", w.teacher, w.otherSection.id, w.otherAssignment.id, w.outsider.id, true),
    }),
  },
  setExcusedMany: {
    owner: (w) => call("setExcusedMany", w.teacher, w.section.id, w.assignment.id, [w.classmate.id], true),
    shows: (r) => (r as { changed: string[] }).changed.length === 1,
    outsiders: (w) => ({
      ...teacherOutsiders((x) => call("setExcusedMany", x, w.section.id, w.assignment.id, [w.classmate.id], true))(w),
      "another teacher, naming their own section": () =>
        call("setExcusedMany", w.otherTeacher, w.otherSection.id, w.assignment.id, [w.classmate.id], true),
      "the teacher, with a student of another section among their own": () =>
        call("setExcusedMany", w.teacher, w.section.id, w.assignment.id, [w.classmate.id, w.outsider.id], true),
      "the teacher, on another teacher's assignment": () =>
        call("setExcusedMany", w.teacher, w.otherSection.id, w.otherAssignment.id, [w.outsider.id], true),
    }),
  },
  setExtension: {
    owner: (w) => call("setExtension", w.teacher, w.section.id, w.assignment.id, w.classmate.id, dayAfterDue(w)),
    shows: (r) => (r as { extendedTo: Date | null }).extendedTo !== null,
    outsiders: (w) => ({
      ...teacherOutsiders((x) => call("setExtension", x, w.section.id, w.assignment.id, w.classmate.id, dayAfterDue(w)))(w),
      "another teacher, naming their own section": () =>
        call("setExtension", w.otherTeacher, w.otherSection.id, w.assignment.id, w.classmate.id, dayAfterDue(w)),
      "the teacher, extending for a student of another section": () =>
        call("setExtension", w.teacher, w.section.id, w.assignment.id, w.outsider.id, dayAfterDue(w)),
      "the teacher, on another teacher's assignment": () =>
        call("setExtension", w.teacher, w.otherSection.id, w.otherAssignment.id, w.outsider.id, dayAfterDue(w)),
    }),
  },

  setExtensions: {
    owner: (w) => call("setExtensions", w.teacher, w.section.id, w.assignment.id, [{ studentId: w.classmate.id, dueAt: dayAfterDue(w) }]),
    shows: (r) => (r as { changed: unknown[] }).changed.length === 1,
    outsiders: (w) => ({
      ...teacherOutsiders((x) =>
        call("setExtensions", x, w.section.id, w.assignment.id, [{ studentId: w.classmate.id, dueAt: dayAfterDue(w) }]),
      )(w),
      "another teacher, naming their own section": () =>
        call("setExtensions", w.otherTeacher, w.otherSection.id, w.assignment.id, [{ studentId: w.classmate.id, dueAt: dayAfterDue(w) }]),
      "the teacher, with a student of another section among their own": () =>
        call("setExtensions", w.teacher, w.section.id, w.assignment.id, [
          { studentId: w.classmate.id, dueAt: dayAfterDue(w) },
          { studentId: w.outsider.id, dueAt: dayAfterDue(w) },
        ]),
      "the teacher, on another teacher's assignment": () =>
        call("setExtensions", w.teacher, w.otherSection.id, w.otherAssignment.id, [{ studentId: w.outsider.id, dueAt: null }]),
      "the teacher, putting back a date for a student of another section": () =>
        call("setExtensions", w.teacher, w.section.id, w.assignment.id, [{ studentId: w.outsider.id, dueAt: dayAfterDue(w), from: null }]),
    }),
  },

  // ——— grading ———
  listScores: submissionCall(
    (actor, w) => call("listScores", actor, w.submission.id),
    (r) => (r as unknown[]).length === 1,
  ),
  saveScore: submissionCall((actor, w) => call("saveScore", actor, w.submission.id, "design", { points: 2 }, 0)),
  saveFeedback: submissionCall((actor, w) => call("saveFeedback", actor, w.submission.id, "Well done.", 0)),
  gradeHistory: submissionCall(
    (actor, w) => call("gradeHistory", actor, w.submission.id),
    (r) => (r as unknown[]).length > 0,
  ),
  returnWork: assignmentRead((actor, sectionId, assignmentId) => call("returnWork", actor, sectionId, assignmentId, "graded")),
  undoReturnAll: assignmentRead((actor, sectionId, assignmentId) => call("undoReturnAll", actor, sectionId, assignmentId, new Date())),
  reopenWork: {
    owner: async (w) => {
      await returnOnce(w);
      return call("reopenWork", w.teacher, w.submission.id);
    },
    outsiders: async (w) => {
      await returnOnce(w);
      return teacherOutsiders((x) => call("reopenWork", x, w.submission.id))(w);
    },
  },
  setAnonymous: assignmentRead((actor, sectionId, assignmentId) => call("setAnonymous", actor, sectionId, assignmentId, true)),
  listBankedComments: {
    owner: (w) => call("listBankedComments", w.teacher),
    shows: (r, w) => mentions(w.comment.id)(r),
    outsiders: (w) => ({ "another teacher": () => call("listBankedComments", w.otherTeacher) }),
    excludes: (r, w) => lacks(w.comment.id)(r),
  },
  bankComment: {
    owner: (w) => call("bankComment", w.teacher, "Design", "Readable on a phone."),
    shows: (r, w) => (r as { teacherId: string }).teacherId === w.teacher.id,
    outsiders: () => ({}), // adds to the caller's own bank only
  },
  editBankedComment: {
    owner: (w) => call("editBankedComment", w.teacher, w.comment.id, "Edited."),
    outsiders: teacherOutsiders((x) => call("editBankedComment", x, W().comment.id, "Mine now.")),
  },
  deleteBankedComment: {
    owner: (w) => call("deleteBankedComment", w.teacher, w.comment.id),
    outsiders: teacherOutsiders((x) => call("deleteBankedComment", x, W().comment.id)),
  },
  getReturnedGrade: {
    owner: async (w) => {
      await returnOnce(w);
      return call("getReturnedGrade", w.student, w.assignment.id);
    },
    shows: (r) => r !== null,
    outsiders: async (w) => {
      await returnOnce(w);
      return {
        "a classmate": () => call("getReturnedGrade", w.classmate, w.assignment.id),
        "a student of another section": () => call("getReturnedGrade", w.outsider, w.assignment.id),
        "another teacher": () => call("getReturnedGrade", w.otherTeacher, w.assignment.id),
      };
    },
    excludes: (r) => r === null,
  },
  getQueuePage: {
    ...assignmentRead((actor, sectionId, assignmentId) => call("getQueuePage", actor, sectionId, assignmentId, DEFAULT_QUEUE_VIEW)),
    shows: (r, w) => mentions(w.submission.id)(r),
  },
  getQueuePosition: {
    ...assignmentRead((actor, sectionId, assignmentId) => call("getQueuePosition", actor, sectionId, assignmentId, W().student.id)),
    shows: (r, w) => mentions(w.submission.id)(r),
  },
  findNextNeedingGrading: {
    // From the classmate (in progress), the next whose work needs grading is the student's.
    ...assignmentRead((actor, sectionId, assignmentId) => call("findNextNeedingGrading", actor, sectionId, assignmentId, W().classmate.id)),
    shows: (r, w) => (r as { studentId: string } | null)?.studentId === w.student.id,
  },
  listQueue: {
    ...assignmentRead((actor, sectionId, assignmentId) => call("listQueue", actor, sectionId, assignmentId)),
    shows: (r, w) => mentions(w.submission.id)(r),
  },

  // ——— analytics, discussion, export ———
  getAssignmentAnalytics: assignmentRead((actor, sectionId, assignmentId) =>
    call("getAssignmentAnalytics", actor, sectionId, assignmentId),
  ),
  getRecapCampaign: assignmentRead((actor, sectionId, assignmentId) => call("getRecapCampaign", actor, sectionId, assignmentId)),
  // Taking a pick back is the call that needs no studio card (a pick is tested in analytics.test.ts).
  setRecapPick: submissionCall((actor, w) => call("setRecapPick", actor, w.submission.id, null)),
  getDiscussion: {
    ...assignmentRead((actor, sectionId, assignmentId) => call("getDiscussion", actor, sectionId, assignmentId, { showNames: true })),
    shows: (r, w) => ids(r).includes(w.submission.id),
  },
  answerAuthor: {
    ...assignmentRead((actor, sectionId, assignmentId) => call("answerAuthor", actor, sectionId, assignmentId, W().submission.id)),
    shows: (r, w) => r === w.student.id,
  },
  setStar: submissionCall((actor, w) => call("setStar", actor, w.submission.id, "q1", true, SAMPLE_DRAFTS.complete.answers.q1)),
  exportAssignment: {
    ...assignmentRead((actor, sectionId, assignmentId) => rows(call("exportAssignment", actor, sectionId, assignmentId))),
    shows: (r, w) => mentions(w.student.email)(r),
  },
  countUnreturnedPoints: {
    ...assignmentRead((actor, sectionId, assignmentId) => call("countUnreturnedPoints", actor, sectionId, assignmentId)),
    shows: (r) => r === 1, // the world's scored work, not returned
  },
  exportSection: {
    owner: (w) => rows(call("exportSection", w.teacher, w.section.id)),
    shows: (r, w) => mentions(w.student.email)(r),
    outsiders: teacherOutsiders((x) => rows(call("exportSection", x, W().section.id))),
  },
  exportStudentBeforeErasure: {
    owner: async (w) => {
      const request = (await call("scheduleErasure", w.admin, w.student.id)) as { id: string };
      return await call("exportStudentBeforeErasure", w.teacher, w.section.id, request.id);
    },
    shows: (r, w) => mentions(w.student.email)(r),
    outsiders: async (w) => {
      const request = (await call("scheduleErasure", w.admin, w.student.id)) as { id: string };
      const outsiders = (await call("scheduleErasure", w.admin, w.outsider.id)) as { id: string };
      return {
        ...teacherOutsiders((x) => call("exportStudentBeforeErasure", x, w.section.id, request.id))(w),
        "another teacher, naming their own section": () =>
          call("exportStudentBeforeErasure", w.otherTeacher, w.otherSection.id, request.id),
        "the teacher, for a student of another section": () => call("exportStudentBeforeErasure", w.teacher, w.section.id, outsiders.id),
        "the administrator": () => call("exportStudentBeforeErasure", w.admin, w.section.id, request.id),
      };
    },
  },

  // ——— the access log (the world's saved score wrote one row about the student) ———
  recordWorkView: {
    owner: (w) => call("recordWorkView", w.teacher, w.section.id, w.assignment.id, w.student.id),
    shows: (r) => r === true,
    outsiders: (w) => ({
      ...teacherOutsiders((x) => call("recordWorkView", x, w.section.id, w.assignment.id, w.student.id))(w),
      "another teacher, naming their own section": () =>
        call("recordWorkView", w.otherTeacher, w.otherSection.id, w.assignment.id, w.student.id),
      "the teacher, for a student of another section": () =>
        call("recordWorkView", w.teacher, w.section.id, w.assignment.id, w.outsider.id),
    }),
  },
  recordDiscussionView: {
    ...assignmentRead((actor, sectionId, assignmentId) => call("recordDiscussionView", actor, sectionId, assignmentId)),
    // The world's student has submitted: one row, about them.
    shows: (r) => r === 1,
  },
  recordSectionExport: {
    owner: (w) => call("recordSectionExport", w.teacher, "export_grades", w.section.id, w.assignment.id, "grades.csv"),
    outsiders: async (w) => ({
      ...(await assignmentRead((actor, sectionId, assignmentId) =>
        call("recordSectionExport", actor, "export_grades", sectionId, assignmentId, "grades.csv"),
      ).outsiders(w)),
      "another teacher, for the whole section's roster": () =>
        call("recordSectionExport", w.otherTeacher, "export_roster", w.section.id, null, "roster.csv"),
    }),
  },
  listAccessLog: {
    ...adminOnly((actor) => call("listAccessLog", actor, {})),
    shows: (r, w) => mentions(w.student.id)(r),
  },
  listAccessAboutStudent: {
    owner: async (w) => [
      await call("listAccessAboutStudent", w.student, w.student.id),
      await call("listAccessAboutStudent", w.admin, w.student.id),
    ],
    shows: (r) => (r as unknown[][]).every((rows) => rows.length === 1),
    outsiders: (w) => ({
      "a classmate": () => call("listAccessAboutStudent", w.classmate, w.student.id),
      "the section's teacher": () => call("listAccessAboutStudent", w.teacher, w.student.id),
      "another teacher": () => call("listAccessAboutStudent", w.otherTeacher, w.student.id),
    }),
    excludes: (r) => ids(r) === "[]",
  },

  // ——— roster import and invitations ———
  previewRosterImport: sectionWrite((actor, w) => call("previewRosterImport", actor, w.section.id, w.lines, UNKNOWN_ADDRESS)),
  planRosterImport: sectionWrite((actor, w) => call("planRosterImport", actor, w.section.id, w.lines, UNKNOWN_ADDRESS)),
  importRoster: sectionWrite((actor, w) => call("importRoster", actor, w.section.id, w.lines, new Map())),
  replaceOneTimePassword: {
    owner: (w) => call("replaceOneTimePassword", w.teacher, w.section.id, w.created.studentId, "new-hash"),
    outsiders: (w) => ({
      ...teacherOutsiders((x) => call("replaceOneTimePassword", x, w.section.id, w.created.studentId, "stolen"))(w),
      "another teacher, through their own section": () =>
        call("replaceOneTimePassword", w.otherTeacher, w.otherSection.id, w.created.studentId, "stolen"),
      "the teacher, for a student they did not create": () =>
        call("replaceOneTimePassword", w.teacher, w.section.id, w.student.id, "stolen"),
    }),
  },
  listSectionInvitations: {
    owner: (w) => call("listSectionInvitations", w.teacher, w.section.id),
    shows: (r, w) => mentions(w.invitation.invitationId)(r),
    outsiders: teacherOutsiders((x) => call("listSectionInvitations", x, W().section.id)),
  },
  cancelInvitation: {
    owner: (w) => call("cancelInvitation", w.teacher, w.section.id, w.invitation.invitationId),
    outsiders: (w) => ({
      ...teacherOutsiders((x) => call("cancelInvitation", x, w.section.id, w.invitation.invitationId))(w),
      "another teacher, through their own section": () =>
        call("cancelInvitation", w.otherTeacher, w.otherSection.id, w.invitation.invitationId),
    }),
  },
  listOwnInvitations: {
    owner: (w) => call("listOwnInvitations", w.invitee),
    shows: (r, w) => mentions(w.invitation.invitationId)(r),
    outsiders: (w) => ({
      "another student": () => call("listOwnInvitations", w.outsider),
      "the inviting teacher": () => call("listOwnInvitations", w.teacher),
    }),
    excludes: (r, w) => lacks(w.invitation.invitationId)(r),
  },
  answerInvitation: {
    owner: (w) => call("answerInvitation", w.invitee, w.invitation.invitationId, true),
    outsiders: (w) => ({
      "another student": () => call("answerInvitation", w.outsider, w.invitation.invitationId, true),
      "a student of the section": () => call("answerInvitation", w.student, w.invitation.invitationId, true),
      "the inviting teacher": () => call("answerInvitation", w.teacher, w.invitation.invitationId, true),
    }),
  },

  // ——— the student's side ———
  listStudentClasses: {
    owner: (w) => call("listStudentClasses", w.student),
    shows: (r, w) => mentions(w.section.id)(r),
    outsiders: (w) => ({
      "a student of another section": () => call("listStudentClasses", w.outsider),
      "an invited student": () => call("listStudentClasses", w.invitee),
    }),
    excludes: (r, w) => lacks(w.section.id)(r),
  },
  listStudentAssignments: {
    owner: (w) => call("listStudentAssignments", w.student),
    shows: (r, w) => mentions(w.assignment.id)(r),
    outsiders: (w) => ({
      "a student of another section": () => call("listStudentAssignments", w.outsider),
      "an invited student": () => call("listStudentAssignments", w.invitee),
    }),
    excludes: (r, w) => lacks(w.assignment.id)(r),
  },
  getStudentWork: studentWork(
    (actor, w) => call("getStudentWork", actor, w.assignment.id),
    (r, w) => ids(r).includes(w.submission.id),
  ),
  saveDraft: studentWork((actor, w) => call("saveDraft", actor, w.assignment.id, actor.id === w.student.id ? 1 : 0, SAMPLE_DRAFTS.onTime)),
  imagesHeld: studentWork(
    (actor, w) => call("imagesHeld", actor, w.assignment.id),
    (r) => (r as { live: number }).live === 1,
  ),
  addImage: studentWork((actor, w) => call("addImage", actor, w.assignment.id, fakeImage(), "")),
  addImages: studentWork((actor, w) =>
    call("addImages", actor, w.assignment.id, [
      { image: fakeImage(), caption: "Sarah's card, 1 of 2" },
      { image: fakeImage(), caption: "Sarah's card, 2 of 2" },
    ]),
  ),
  // The world's work is submitted as it stands, so the owner changes it first: the same work again is refused.
  submitWork: studentWork(async (actor, w) => {
    const owner = actor.id === w.student.id;
    if (owner) await saveDraft(actor, w.assignment.id, 1, SAMPLE_DRAFTS.onTime);
    return call("submitWork", actor, w.assignment.id, owner ? 2 : 1, true);
  }),
  listOwnAttempts: studentWork(
    (actor, w) => call("listOwnAttempts", actor, w.assignment.id),
    (r) => (r as unknown[]).length === 1,
    true,
  ),
  updateImageCaption: imageWrite((actor, w) => call("updateImageCaption", actor, w.image.id, "Mine now")),
  deleteImage: imageWrite((actor, w) => call("deleteImage", actor, w.image.id)),
  reorderImages: {
    ...studentWork((actor, w) => call("reorderImages", actor, w.assignment.id, [w.image.id])),
    // The classmate's call only ever looks at the classmate's own images, which differ: refused as a stale list.
    alsoRefusedWith: FormError,
  },
  getViewableImage: {
    owner: (w) => [call("getViewableImage", w.student, w.image.id), call("getViewableImage", w.teacher, w.image.id)],
    outsiders: (w) => ({
      "a classmate": () => call("getViewableImage", w.classmate, w.image.id),
      "a student of another section": () => call("getViewableImage", w.outsider, w.image.id),
      "another teacher": () => call("getViewableImage", w.otherTeacher, w.image.id),
    }),
  },

  // ——— the administrator's (db/queries/admin.ts): teachers and students are refused as not found ———
  getAdminOverview: adminOnly((actor) => call("getAdminOverview", actor)),
  listAccounts: {
    ...adminOnly((actor) => call("listAccounts", actor, accountFilterSchema.parse({ q: W().student.email }))),
    shows: (r, w) => mentions(w.student.id)(r),
  },
  getAccount: {
    ...adminOnly((actor, w) => call("getAccount", actor, w.student.id)),
    shows: (r, w) => mentions(w.section.id)(r),
  },
  setAccountActive: adminOnly((actor, w) => call("setAccountActive", actor, w.classmate.id, false)),
  renameAccount: adminOnly((actor, w) => call("renameAccount", actor, w.invitee.id, "Corrected Name", w.invitee.name)),
  setOneTimePassword: adminOnly((actor, w) => call("setOneTimePassword", actor, w.invitee.id, "one-time-hash")),
  changeRole: {
    owner: async (w) => call("changeRole", w.admin, (await user("student")).row.id, "teacher"),
    outsiders: adminOutsiders((actor, w) => call("changeRole", actor, w.invitee.id, "teacher")),
  },
  decideTeacherApproval: {
    owner: async (w) => {
      const waiting = await user("teacher");
      await (await getDatabase()).writer.update(users).set({ approval: "pending" }).where(eq(users.id, waiting.row.id));
      return call("decideTeacherApproval", w.admin, waiting.row.id, "approved", "pending");
    },
    shows: (r) => (r as { approval: string }).approval === "approved",
    outsiders: adminOutsiders((actor, w) => call("decideTeacherApproval", actor, w.otherTeacher.id, "refused", "pending")),
  },
  listAllSections: {
    ...adminOnly((actor) => call("listAllSections", actor, sectionFilterSchema.parse({ q: W().section.name }))),
    shows: (r, w) => mentions(w.section.id)(r),
  },
  transferSection: {
    ...adminOnly((actor, w) =>
      call("transferSection", actor, w.otherSection.id, w.teacher.email, { confirmed: true, fromTeacherId: w.otherSection.teacherId }),
    ),
    shows: (r, w) => (r as { teacherId: string }).teacherId === w.teacher.id,
  },
  loadAdmin: adminOnly(async (actor) => call("loadAdmin", await getDb(), actor)),
  // ——— privacy: a person's data, a student's erasure (administrators) ———
  exportPersonalData: {
    owner: (w) =>
      Promise.all([call("exportPersonalData", w.student, "own"), call("exportPersonalData", w.admin, { studentId: w.student.id })]),
    shows: (r, w) => (r as { tables: unknown }[]).every((data) => mentions(w.submission.id)(data.tables)),
    outsiders: (w) => ({
      ...adminOutsiders((x) => call("exportPersonalData", x, { studentId: w.student.id }))(w),
      "the administrator, naming a teacher": () => call("exportPersonalData", w.admin, { studentId: w.teacher.id }),
    }),
  },
  getErasurePreview: {
    owner: (w) => call("getErasurePreview", w.admin, w.student.id),
    shows: (r, w) => mentions(w.section.name)(r),
    outsiders: (w) => ({
      ...adminOutsiders((x) => call("getErasurePreview", x, w.student.id))(w),
      "the administrator, naming a teacher": () => call("getErasurePreview", w.admin, w.teacher.id),
    }),
  },
  eraseStudent: {
    // Once the student's teacher has been warned and has acknowledged.
    owner: async (w) => {
      const request = (await call("scheduleErasure", w.admin, w.student.id)) as { id: string };
      await call("acknowledgeErasure", w.teacher, request.id);
      return await call("eraseStudent", w.admin, w.student.id, w.student.email);
    },
    shows: (r) => (r as { fileKeys: string[] }).fileKeys.length === 2,
    outsiders: (w) => ({
      ...adminOutsiders((x) => call("eraseStudent", x, w.student.id, w.student.email))(w),
      "the administrator, naming a teacher": () => call("eraseStudent", w.admin, w.teacher.id, w.teacher.email),
      "the administrator, naming themself": () => call("eraseStudent", w.admin, w.admin.id, w.admin.email),
    }),
  },
  scheduleErasure: {
    owner: (w) => call("scheduleErasure", w.admin, w.student.id),
    shows: (r) => (r as { eraseAfter: Date }).eraseAfter.getTime() > Date.now(),
    outsiders: (w) => ({
      ...adminOutsiders((x) => call("scheduleErasure", x, w.student.id))(w),
      "the administrator, naming a teacher": () => call("scheduleErasure", w.admin, w.teacher.id),
    }),
  },
  cancelErasure: {
    owner: async (w) => {
      await call("scheduleErasure", w.admin, w.student.id);
      return await call("cancelErasure", w.admin, w.student.id);
    },
    shows: (r) => (r as { cancelled: boolean }).cancelled,
    outsiders: async (w) => {
      await call("scheduleErasure", w.admin, w.student.id);
      return {
        ...adminOutsiders((x) => call("cancelErasure", x, w.student.id))(w),
        "the administrator, naming a teacher": () => call("cancelErasure", w.admin, w.teacher.id),
      };
    },
  },
  listErasureNotices: {
    owner: async (w) => {
      await call("scheduleErasure", w.admin, w.student.id);
      return await call("listErasureNotices", w.teacher, w.section.id);
    },
    shows: (r, w) => mentions(w.section.id)(r) && mentions(w.student.name)(r),
    outsiders: async (w) => {
      await call("scheduleErasure", w.admin, w.student.id);
      return {
        "another teacher": () => call("listErasureNotices", w.otherTeacher),
        "another teacher, naming the section": () => call("listErasureNotices", w.otherTeacher, w.section.id),
        "the student": () => call("listErasureNotices", w.student),
        "a student of another section": () => call("listErasureNotices", w.outsider),
        "the administrator": () => call("listErasureNotices", w.admin),
      };
    },
    excludes: (r) => ids(r) === "[]",
  },
  acknowledgeErasure: {
    owner: async (w) => {
      const request = (await call("scheduleErasure", w.admin, w.student.id)) as { id: string };
      return await call("acknowledgeErasure", w.teacher, request.id);
    },
    outsiders: async (w) => {
      const request = (await call("scheduleErasure", w.admin, w.student.id)) as { id: string };
      return {
        "another teacher": () => call("acknowledgeErasure", w.otherTeacher, request.id),
        "the student": () => call("acknowledgeErasure", w.student, request.id),
        "a classmate": () => call("acknowledgeErasure", w.classmate, request.id),
        "a student of another section": () => call("acknowledgeErasure", w.outsider, request.id),
        "the administrator": () => call("acknowledgeErasure", w.admin, request.id),
      };
    },
  },
  loadAdministeredStudent: {
    owner: async (w) => call("loadAdministeredStudent", await getDb(), w.admin, w.student.id),
    shows: (r, w) => (r as { id: string }).id === w.student.id,
    outsiders: async (w) => {
      const db = await getDb();
      return {
        ...adminOutsiders((x) => call("loadAdministeredStudent", db, x, w.student.id))(w),
        "the administrator, naming a teacher": () => call("loadAdministeredStudent", db, w.admin, w.teacher.id),
      };
    },
  },

  // ——— the ownership module's own loaders ———
  loadTeacherSection: {
    owner: async (w) => call("loadTeacherSection", await getDb(), w.teacher, w.section.id),
    outsiders: teacherOutsiders(async (x) => call("loadTeacherSection", await getDb(), x, W().section.id)),
  },
  loadTeacherAssignment: assignmentRead(async (actor, sectionId, assignmentId) =>
    call("loadTeacherAssignment", await getDb(), actor, sectionId, assignmentId),
  ),
  loadTeacherSubmission: submissionCall(async (actor, w) => call("loadTeacherSubmission", await getDb(), actor, w.submission.id)),
  loadStudentAssignment: studentWork(
    async (actor, w) => call("loadStudentAssignment", await getDb(), actor, w.assignment.id),
    undefined,
    false,
    true,
  ),
  findOwnSubmission: studentWork(
    async (actor, w) => (await call("findOwnSubmission", await getDb(), actor, w.assignment.id)) ?? null,
    (r, w) => ids(r).includes(w.submission.id),
  ),
  loadOwnImage: imageWrite(async (actor, w) => call("loadOwnImage", await getDb(), actor, w.image.id)),
};

/**
 * Not scoped to an owner, on purpose, each for the reason given. (What they do is covered in
 * their own test files.)
 */
const UNSCOPED: Record<string, string> = {
  findSessionUser: "reads the account behind a verified session token: it is how the acting user is found",
  createAccount: "sign-up: creates an account for whoever signs up",
  verifySignIn: "sign-in: checks a password, throttled; there is no acting user yet",
  changePassword: "acts on the acting account only (its id comes from the session)",
  signOutEverywhere: "acts on the acting account only (its id comes from the session)",
  endSession:
    "sign-out: records the session named by the verified token being cleared (its account and id come from that token), for that account only",
  previewJoinCode: "knowing a section's join code is what entitles one to see its name",
  joinSection: "enrolls the acting student, by a join code they were given",
  checkDatabase: "the health check: no data, no user",
  isExcused:
    "one yes or no about a student and an assignment, read after the caller's own ownership check (the grading view, the student's own work)",
  markLateAgain:
    "marks work late again on the caller's transaction, after the caller's own ownership check (a due date saved, an extension given)",
  recordAccess: "appends one log row on the caller's transaction, after the caller's own ownership check; it reads nothing",
  createAdministrator: "npm run admin -- create: whoever runs commands on the server is trusted already; there is no acting user",
  resetAdministratorPassword:
    "npm run admin -- reset: whoever runs commands on the server is trusted already; there is no acting user; administrators only",
  planPurge: "npm run purge (the operator's script, no acting user): reads only, reports counts",
  applyPurge: "npm run purge --apply (the operator's script, no acting user): removes what the retention rules say",
  eraseAccount:
    "erases one account on the caller's transaction, after the caller's own check (eraseStudent: an administrator and a warned student's teachers; applyPurge: the operator's script)",
  purgeErasureWait:
    "npm run purge (the operator's script, no acting user): whether a deactivated student's teachers were warned and acknowledged, warning them with --apply",
  queueFileDeletions:
    "storage keys only, on the caller's transaction, after the caller's own ownership check (deleteImage, erasure, purge)",
  queueUnreferencedFiles: "storage keys only, of files no row refers to: a failed upload's or card save's, queued before they are deleted",
  listPendingFileDeletions: "storage keys only, nothing about a person: read by the purge script and after an erasure",
  forgetPendingFile: "storage keys only: called once the erasure or purge that queued the key has deleted the file",
  notePendingFileFailure: "storage keys only: called when the erasure or purge that queued the key failed to delete the file",
};

/** The predicates every query above is built from: exercised through those queries. */
const BUILDING_BLOCKS = new Set([
  "taughtBy",
  "teacherSection",
  "inTaughtSection",
  "teacherAssignment",
  "taughtSubmission",
  "enrolledIn",
  "ownEnrollments",
  "ownInvitations",
  "ownWork",
  "ownBankedComments",
  "createdBy",
  "isAdmin",
  "gradedWork",
  "needsGradingWork",
  "stageCounts",
  "excusedStudent",
  "dueDateOf",
  "extensionRunning",
  "extensionGiven",
  "extensionOf",
  "ownAccount",
  "teachesStudent",
  "activeMemberOf",
]);

// ——— helpers for the table above ———

/** A day after the assignment's due date: a date an extension may give. */
const dayAfterDue = (w: World) => new Date(w.assignment.dueAt.getTime() + 86_400_000);

const exported = new Map<string, (...args: unknown[]) => unknown>();
for (const [file, mod] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(mod)) {
    if (typeof value !== "function" || /^[A-Z]/.test(name)) continue; // classes and constants
    if (exported.has(name)) throw new Error(`${name} is exported twice (again in ${file})`);
    exported.set(name, value as (...args: unknown[]) => unknown);
  }
}

function call(name: string, ...args: unknown[]): unknown {
  const fn = exported.get(name);
  if (!fn) throw new Error(`no exported query named ${name}`);
  return fn(...args);
}
const listOf =
  (name: string) =>
  (...args: unknown[]) =>
    call(name, ...args);

const returned = new WeakSet<World>();
/** The student's work, returned by the teacher (once per world: outsiders try first, then the owner). */
async function returnOnce(w: World) {
  if (!returned.has(w)) await returnWork(w.teacher, w.section.id, w.assignment.id, [w.submission.id]);
  returned.add(w);
}

let current: World | undefined;
/** The world of the check that is running (for the table's shorter entries). */
const W = () => current!;

function sectionWrite(run: (actor: SessionUser, w: World) => unknown): Contract {
  return {
    owner: (w) => run(w.teacher, w),
    outsiders: (w) => teacherOutsiders((x) => run(x, w))(w),
  };
}

function assignmentRead(run: (actor: SessionUser, sectionId: string, assignmentId: string) => unknown): Contract {
  return {
    owner: (w) => run(w.teacher, w.section.id, w.assignment.id),
    outsiders: (w) => ({
      ...teacherOutsiders((x) => run(x, w.section.id, w.assignment.id))(w),
      "another teacher, naming their own section": () => run(w.otherTeacher, w.otherSection.id, w.assignment.id),
      "the teacher, with another section's assignment": () => run(w.teacher, w.section.id, w.otherAssignment.id),
    }),
  };
}

function submissionCall(run: (actor: SessionUser, w: World) => unknown, shows?: Contract["shows"]): Contract {
  return { owner: (w) => run(w.teacher, w), shows, outsiders: teacherOutsiders((x) => run(x, W())) };
}

/**
 * A student's own work. A classmate calling with the same assignment id reaches only their own
 * work (`excludes` checks the student's never appears); outsiders of the section are refused.
 */
function studentWork(
  run: (actor: SessionUser, w: World) => unknown,
  shows?: Contract["shows"],
  outsidersGetNothing = false,
  classmateRefused = false,
): Contract {
  return {
    owner: (w) => run(w.student, w),
    shows,
    outsiders: (w) => ({
      "a student of another section": () => run(w.outsider, w),
      "the section's teacher": () => run(w.teacher, w),
      "an invited student who has not accepted": () => run(w.invitee, w),
      ...(classmateRefused ? {} : { "a classmate": () => run(w.classmate, w) }),
    }),
    excludes: (r, w) => (r === null || lacks(w.submission.id)(r)) && (!outsidersGetNothing || ids(r) === "[]" || r === null),
  };
}

function adminOnly(run: (actor: SessionUser, w: World) => unknown): Contract {
  return { owner: (w) => run(w.admin, w), outsiders: adminOutsiders(run) };
}

function imageWrite(run: (actor: SessionUser, w: World) => unknown): Contract {
  return {
    owner: (w) => run(w.student, w),
    outsiders: (w) => ({
      "a classmate": () => run(w.classmate, w),
      "the section's teacher": () => run(w.teacher, w),
      "a student of another section": () => run(w.outsider, w),
    }),
  };
}

// ——— the walk ———

describe("the ownership contract", () => {
  it("covers every function the query layer exports", () => {
    const named = new Set([...Object.keys(CONTRACT), ...Object.keys(UNSCOPED), ...BUILDING_BLOCKS]);
    const missing = [...exported.keys()].filter((name) => !named.has(name));
    expect(missing, "exported queries with no ownership contract: add them to CONTRACT (or UNSCOPED with a reason)").toEqual([]);
    const stale = [...named].filter((name) => !exported.has(name));
    expect(stale, "contract entries for functions that no longer exist").toEqual([]);
  });

  for (const [name, contract] of Object.entries(CONTRACT)) {
    it(`${name}: refused to everyone but its owner, and works for the owner`, async () => {
      const w = (current = await world());
      for (const [who, attempt] of Object.entries(await contract.outsiders(w))) {
        let result: unknown;
        try {
          result = await attempt();
        } catch (error) {
          const allowed = error instanceof NotFoundError || (contract.alsoRefusedWith && error instanceof contract.alsoRefusedWith);
          expect(allowed, `${name} as ${who}: refused with ${String(error)}`).toBe(true);
          continue;
        }
        expect(contract.excludes, `${name} as ${who} should have been refused, but answered ${ids(result)?.slice(0, 200)}`).toBeDefined();
        expect(contract.excludes!(result, w), `${name} as ${who} reached the owner's rows: ${ids(result)?.slice(0, 300)}`).toBe(true);
      }
      // Nothing an outsider tried changed the class: the section, the work and the roster are as they were.
      expect((await (await getDb()).select().from(sections).where(eq(sections.id, w.section.id)))[0]).toMatchObject({
        name: w.section.name,
        archivedAt: null,
        joinCode: w.section.joinCode,
      });
      expect((await getStudentWork(w.student, w.assignment.id)).version).toBe(w.submission.version);
      expect(
        (await (await getDb()).select({ hash: users.passwordHash }).from(users).where(eq(users.id, w.created.studentId)))[0]!.hash,
      ).toBe("hash");
      expect(await listSectionAssignments(w.teacher, w.section.id)).toHaveLength(2);

      const result = await contract.owner(w);
      if (contract.shows) expect(contract.shows(result, w), `${name} as its owner answered ${ids(result)?.slice(0, 300)}`).toBe(true);
    });
  }
});
