import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { enrollments, invitations, sections, users } from "@/db/schema";
import { FormError, NotFoundError } from "@/lib/errors";
import { readRosterInput } from "@/lib/roster";
import { enrollment, section, user } from "@/lib/test/factories";
import { answerInvitation, listOwnInvitations } from "./enrollments";
import {
  cancelInvitation,
  importRoster,
  listSectionInvitations,
  previewRosterImport,
  replaceOneTimePassword,
  ROSTER_REFUSALS,
} from "./roster";
import { listRoster } from "./sections";

const credentials = (...emails: string[]) =>
  new Map(emails.map((email) => [email, { password: `pw-${email}`, passwordHash: `hash-${email}` }]));

/** A section with one student of every kind the preview tells apart. */
function setting() {
  const teacher = user("teacher");
  const s = section(teacher.row.id);
  const existing = user("student");
  const enrolled = user("student");
  enrollment(s.id, enrolled.row.id);
  const removed = user("student");
  enrollment(s.id, removed.row.id, new Date());
  const inactive = user("student", { active: false });
  const otherTeacher = user("teacher");
  const newEmail = `new-${crypto.randomUUID()}@school.org`;
  const text = [
    "Name,Email",
    `New Student,${newEmail}`,
    `Existing Person,${existing.row.email}`,
    `${enrolled.row.name},${enrolled.row.email}`,
    `${removed.row.name},${removed.row.email}`,
    `Off Account,${inactive.row.email}`,
    `A Teacher,${otherTeacher.row.email}`,
    "Broken,not-an-email",
    `Twice,${newEmail.toUpperCase()}`,
  ].join("\n");
  return { teacher, section: s, existing, enrolled, removed, newEmail, lines: readRosterInput({ text }).lines };
}

describe("roster import preview", () => {
  it("tells, row by row, what an import would do, and writes nothing", () => {
    const { teacher, section: s, newEmail, lines } = setting();
    const before = listRoster(teacher.actor, s.id).length;
    const rows = previewRosterImport(teacher.actor, s.id, lines);
    expect(rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, "create"],
      [3, "invite"],
      [4, "enrolled"],
      [5, "restore"],
      [6, "invite"],
      [7, "invite"],
      [8, "error"],
      [9, "error"],
    ]);
    expect(getDb().select().from(users).where(eq(users.email, newEmail)).get()).toBeUndefined();
    expect(listRoster(teacher.actor, s.id)).toHaveLength(before);
  });

  it("says nothing about a stranger's account: no name, no role, no deactivated state", () => {
    const { teacher, section: s, existing, lines } = setting();
    const rows = previewRosterImport(teacher.actor, s.id, lines);
    for (const row of rows.filter((r) => r.outcome === "invite")) {
      expect(row).toMatchObject({ accountName: null, problem: null });
    }
    expect(JSON.stringify(rows)).not.toContain(existing.row.name);
  });

  it("names and checks students the teacher already has, and enrolls accounts the teacher created", () => {
    const teacher = user("teacher");
    const first = section(teacher.row.id);
    const second = section(teacher.row.id);
    const known = user("student");
    enrollment(first.id, known.row.id);
    const knownOff = user("student", { active: false });
    enrollment(first.id, knownOff.row.id);
    const email = `made-${crypto.randomUUID()}@school.org`;
    importRoster(teacher.actor, first.id, readRosterInput({ text: `Made Here,${email}` }).lines, credentials(email));
    const text = [`Nick Name,${known.row.email}`, `Off,${knownOff.row.email}`, `Made Here,${email}`].join("\n");
    const rows = previewRosterImport(teacher.actor, second.id, readRosterInput({ text }).lines);
    expect(rows.map((r) => [r.outcome, r.accountName, r.problem])).toEqual([
      ["invite", known.row.name, null],
      ["error", knownOff.row.name, ROSTER_REFUSALS.inactive],
      ["enroll", null, null],
    ]);
  });

  it("is refused for another teacher's section and for an archived one", () => {
    const { section: s, lines } = setting();
    expect(() => previewRosterImport(user("teacher").actor, s.id, lines)).toThrow(NotFoundError);
    const teacher = user("teacher");
    const archived = section(teacher.row.id, { archivedAt: new Date() });
    expect(() => previewRosterImport(teacher.actor, archived.id, lines)).toThrow(FormError);
  });
});

describe("roster import", () => {
  it("creates and restores at once, invites existing accounts; new accounts must change their one-time password", () => {
    const { teacher, section: s, existing, removed, newEmail, lines } = setting();
    const result = importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    expect(result).toMatchObject({ enrolled: 0, invited: 3, restored: 1, alreadyEnrolled: 1, skipped: 2 });
    expect(result.created).toEqual([{ studentId: expect.any(String), name: "New Student", email: newEmail, password: `pw-${newEmail}` }]);
    const created = getDb().select().from(users).where(eq(users.email, newEmail)).get()!;
    expect(created).toMatchObject({
      role: "student",
      name: "New Student",
      passwordHash: `hash-${newEmail}`,
      mustChangePassword: true,
      createdBy: teacher.row.id,
    });
    const roster = listRoster(teacher.actor, s.id);
    const active = roster.filter((r) => !r.removedAt).map((r) => r.email);
    expect(active).toEqual(expect.arrayContaining([newEmail, removed.row.email]));
    // Never enrolled without consent: the existing account is invited, under the name on the list.
    expect(active).not.toContain(existing.row.email);
    const invited = listSectionInvitations(teacher.actor, s.id);
    expect(invited).toHaveLength(3);
    expect(invited).toContainEqual(expect.objectContaining({ listedName: "Existing Person", email: existing.row.email, declinedAt: null }));
    // Every stranger's account gets the same row, so a second preview can't tell a teacher's or a
    // deactivated account from a student's.
    expect(getDb().select().from(invitations).where(eq(invitations.sectionId, s.id)).all()).toHaveLength(3);
    expect(previewRosterImport(teacher.actor, s.id, lines).filter((r) => r.outcome === "invited")).toHaveLength(3);
  });

  it("importing the same list twice changes nothing the second time", () => {
    const { teacher, section: s, newEmail, lines } = setting();
    importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    const count = getDb().select().from(enrollments).where(eq(enrollments.sectionId, s.id)).all().length;
    const again = importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    expect(again).toMatchObject({ created: [], enrolled: 0, invited: 0, restored: 0, alreadyEnrolled: 6 });
    expect(getDb().select().from(enrollments).where(eq(enrollments.sectionId, s.id)).all()).toHaveLength(count);
    expect(getDb().select().from(invitations).where(eq(invitations.sectionId, s.id)).all()).toHaveLength(3);
  });

  it("writes all or nothing: a failure on a late row leaves the earlier rows unwritten", () => {
    const { teacher, section: s, existing, lines } = setting();
    // No prepared password for the new account (as if it appeared after the preview): the whole import stops.
    expect(() => importRoster(teacher.actor, s.id, lines, new Map())).toThrow(FormError);
    const reordered = [...lines.slice(1), lines[0]!];
    expect(() => importRoster(teacher.actor, s.id, reordered, new Map())).toThrow(FormError);
    expect(listRoster(teacher.actor, s.id).some((r) => r.email === existing.row.email)).toBe(false);
  });

  it("an address that gained an account since the preview is invited, not created twice", () => {
    const teacher = user("teacher");
    const s = section(teacher.row.id);
    const email = `late-${crypto.randomUUID()}@school.org`;
    const { lines } = readRosterInput({ text: `Late Comer,${email}` });
    expect(previewRosterImport(teacher.actor, s.id, lines)[0]!.outcome).toBe("create");
    const meanwhile = user("student", { email });
    const result = importRoster(teacher.actor, s.id, lines, credentials(email));
    expect(result).toMatchObject({ created: [], enrolled: 0, invited: 1 });
    expect(listRoster(teacher.actor, s.id)).toEqual([]);
    expect(listOwnInvitations(meanwhile.actor).map((i) => i.sectionName)).toEqual([s.name]);
  });

  it("is refused for another teacher's section", () => {
    const { section: s, newEmail, lines } = setting();
    expect(() => importRoster(user("teacher").actor, s.id, lines, credentials(newEmail))).toThrow(NotFoundError);
    expect(getDb().select().from(users).where(eq(users.email, newEmail)).get()).toBeUndefined();
  });
});

describe("a new one-time password for a lost slip", () => {
  it("works for the teacher's own student who has never signed in, and ends their old sessions", () => {
    const { teacher, section: s, newEmail, lines } = setting();
    const { created } = importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    const before = getDb().select().from(users).where(eq(users.email, newEmail)).get()!;
    replaceOneTimePassword(teacher.actor, s.id, created[0]!.studentId, "fresh-hash");
    const after = getDb().select().from(users).where(eq(users.email, newEmail)).get()!;
    expect(after.passwordHash).toBe("fresh-hash");
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
  });

  it("is refused once anyone has signed in to the account", () => {
    const { teacher, section: s, newEmail, lines } = setting();
    const { created } = importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    getDb().update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, created[0]!.studentId)).run();
    expect(() => replaceOneTimePassword(teacher.actor, s.id, created[0]!.studentId, "x")).toThrow(NotFoundError);
    expect(listRoster(teacher.actor, s.id).find((r) => r.studentId === created[0]!.studentId)?.canReplacePassword).toBe(false);
  });

  it("is refused for a student with their own password, another teacher's student, or another section", () => {
    const { teacher, section: s, enrolled, newEmail, lines } = setting();
    const { created } = importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    expect(() => replaceOneTimePassword(teacher.actor, s.id, enrolled.row.id, "x")).toThrow(NotFoundError);
    expect(() => replaceOneTimePassword(user("teacher").actor, s.id, created[0]!.studentId, "x")).toThrow(NotFoundError);
    const otherSection = section(teacher.row.id);
    expect(() => replaceOneTimePassword(teacher.actor, otherSection.id, created[0]!.studentId, "x")).toThrow(NotFoundError);
    expect(getDb().select().from(users).where(eq(users.email, newEmail)).get()!.passwordHash).toBe(`hash-${newEmail}`);
  });
});

describe("the takeover chain from the security review, refused at each step", () => {
  /** Teacher A imports new student X; teacher B (anyone: sign-up is open) then tries to take X over. */
  function chain() {
    const a = user("teacher");
    const sectionA = section(a.row.id);
    const email = `x-${crypto.randomUUID()}@school.org`;
    const { created } = importRoster(
      a.actor,
      sectionA.id,
      readRosterInput({ text: `Xavier Real-Name,${email}` }).lines,
      credentials(email),
    );
    const x = created[0]!;
    const b = user("teacher");
    const sectionB = section(b.row.id);
    const lines = readRosterInput({ text: `Anything,${email}` }).lines;
    return { a, sectionA, x, b, sectionB, lines, email };
  }

  it("B's preview shows only that an invitation will go out; B's import enrolls nobody", () => {
    const { x, b, sectionB, lines } = chain();
    const [row] = previewRosterImport(b.actor, sectionB.id, lines);
    expect(row).toMatchObject({ outcome: "invite", accountName: null, problem: null });
    expect(JSON.stringify(row)).not.toContain("Xavier");
    expect(importRoster(b.actor, sectionB.id, lines, new Map())).toMatchObject({ created: [], enrolled: 0, invited: 1 });
    expect(listRoster(b.actor, sectionB.id).map((r) => r.studentId)).not.toContain(x.studentId);
  });

  it("B can never replace X's one-time password, even after X accepts B's invitation; A still can", () => {
    const { a, sectionA, x, b, sectionB, lines, email } = chain();
    importRoster(b.actor, sectionB.id, lines, new Map());
    expect(() => replaceOneTimePassword(b.actor, sectionB.id, x.studentId, "b-hash")).toThrow(NotFoundError);
    const xActor = { id: x.studentId, name: x.name, email, role: "student" as const };
    const [invitation] = listOwnInvitations(xActor);
    answerInvitation(xActor, invitation!.invitationId, true);
    expect(listRoster(b.actor, sectionB.id).map((r) => r.studentId)).toContain(x.studentId);
    expect(listRoster(b.actor, sectionB.id).find((r) => r.studentId === x.studentId)?.canReplacePassword).toBe(false);
    expect(() => replaceOneTimePassword(b.actor, sectionB.id, x.studentId, "b-hash")).toThrow(NotFoundError);
    expect(() => replaceOneTimePassword(b.actor, sectionA.id, x.studentId, "b-hash")).toThrow(NotFoundError);
    expect(getDb().select().from(users).where(eq(users.id, x.studentId)).get()!.passwordHash).toBe(`hash-${email}`);
    // The paired success: the creator can still help with a lost slip.
    replaceOneTimePassword(a.actor, sectionA.id, x.studentId, "a-hash");
    expect(getDb().select().from(users).where(eq(users.id, x.studentId)).get()!.passwordHash).toBe("a-hash");
  });
});

describe("invitations", () => {
  function invited() {
    const teacher = user("teacher");
    const s = section(teacher.row.id);
    const student = user("student");
    importRoster(teacher.actor, s.id, readRosterInput({ text: `Listed Name,${student.row.email}` }).lines, new Map());
    const [invitation] = listOwnInvitations(student.actor);
    return { teacher, section: s, student, invitation: invitation! };
  }

  it("the student sees the class and the teacher's name, and joins by accepting", () => {
    const { teacher, section: s, student, invitation } = invited();
    expect(invitation).toMatchObject({ sectionName: s.name, teacherName: teacher.row.name });
    expect(answerInvitation(student.actor, invitation.invitationId, true)).toEqual({ sectionId: s.id, sectionName: s.name });
    expect(listRoster(teacher.actor, s.id).map((r) => r.studentId)).toEqual([student.row.id]);
    expect(listOwnInvitations(student.actor)).toEqual([]);
    expect(listSectionInvitations(teacher.actor, s.id)).toEqual([]);
  });

  it("declining enrolls nothing; the teacher sees it declined and a re-import does not invite again", () => {
    const { teacher, section: s, student, invitation } = invited();
    answerInvitation(student.actor, invitation.invitationId, false);
    expect(listRoster(teacher.actor, s.id)).toEqual([]);
    expect(listOwnInvitations(student.actor)).toEqual([]);
    expect(listSectionInvitations(teacher.actor, s.id)[0]!.declinedAt).toBeInstanceOf(Date);
    const [row] = previewRosterImport(teacher.actor, s.id, readRosterInput({ text: `Listed Name,${student.row.email}` }).lines);
    expect(row).toMatchObject({ outcome: "declined", problem: ROSTER_REFUSALS.declined });
    expect(() => answerInvitation(student.actor, invitation.invitationId, true)).toThrow(NotFoundError);
  });

  it("only the invited student can answer, and only the section's teacher can withdraw it", () => {
    const { teacher, section: s, student, invitation } = invited();
    expect(() => answerInvitation(user("student").actor, invitation.invitationId, true)).toThrow(NotFoundError);
    expect(() => cancelInvitation(user("teacher").actor, s.id, invitation.invitationId)).toThrow(NotFoundError);
    expect(() => listSectionInvitations(user("teacher").actor, s.id)).toThrow(NotFoundError);
    expect(listOwnInvitations(student.actor)).toHaveLength(1);
    cancelInvitation(teacher.actor, s.id, invitation.invitationId);
    expect(listOwnInvitations(student.actor)).toEqual([]);
  });

  it("an archived class can't be joined by accepting", () => {
    const { section: s, student, invitation } = invited();
    getDb().update(sections).set({ archivedAt: new Date() }).where(eq(sections.id, s.id)).run();
    expect(listOwnInvitations(student.actor)).toEqual([]);
    expect(() => answerInvitation(student.actor, invitation.invitationId, true)).toThrow(FormError);
  });
});
