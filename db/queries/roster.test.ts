import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { enrollments, users } from "@/db/schema";
import { FormError, NotFoundError } from "@/lib/errors";
import { readRosterInput } from "@/lib/roster";
import { enrollment, section, user } from "@/lib/test/factories";
import { importRoster, previewRosterImport, replaceOneTimePassword, ROSTER_REFUSALS } from "./roster";
import { listRoster } from "./sections";

const credentials = (...emails: string[]) => new Map(emails.map((email) => [email, { password: `pw-${email}`, passwordHash: `hash-${email}` }]));

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
    const { teacher, section: s, existing, newEmail, lines } = setting();
    const before = listRoster(teacher.actor, s.id).length;
    const rows = previewRosterImport(teacher.actor, s.id, lines);
    expect(rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, "create"],
      [3, "enroll"],
      [4, "enrolled"],
      [5, "restore"],
      [6, "error"],
      [7, "error"],
      [8, "error"],
      [9, "error"],
    ]);
    expect(rows[1]!.accountName).toBe(existing.row.name); // the file says "Existing Person"; the account's name is kept
    expect(rows[4]!.problem).toBe(ROSTER_REFUSALS.inactive);
    expect(rows[5]!.problem).toBe(ROSTER_REFUSALS.teacher);
    expect(getDb().select().from(users).where(eq(users.email, newEmail)).get()).toBeUndefined();
    expect(listRoster(teacher.actor, s.id)).toHaveLength(before);
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
  it("creates, enrolls and restores in one go; new accounts must change their one-time password", () => {
    const { teacher, section: s, existing, removed, newEmail, lines } = setting();
    const result = importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    expect(result).toMatchObject({ enrolled: 1, restored: 1, alreadyEnrolled: 1, skipped: 4 });
    expect(result.created).toEqual([{ studentId: expect.any(String), name: "New Student", email: newEmail, password: `pw-${newEmail}` }]);
    const created = getDb().select().from(users).where(eq(users.email, newEmail)).get()!;
    expect(created).toMatchObject({ role: "student", name: "New Student", passwordHash: `hash-${newEmail}`, mustChangePassword: true });
    const roster = listRoster(teacher.actor, s.id);
    const active = roster.filter((r) => !r.removedAt).map((r) => r.email);
    expect(active).toEqual(expect.arrayContaining([newEmail, existing.row.email, removed.row.email]));
    expect(roster.find((r) => r.email === existing.row.email)?.name).toBe(existing.row.name);
  });

  it("importing the same list twice changes nothing the second time", () => {
    const { teacher, section: s, newEmail, lines } = setting();
    importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    const count = getDb().select().from(enrollments).where(eq(enrollments.sectionId, s.id)).all().length;
    const again = importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    expect(again).toMatchObject({ created: [], enrolled: 0, restored: 0, alreadyEnrolled: 4 });
    expect(getDb().select().from(enrollments).where(eq(enrollments.sectionId, s.id)).all()).toHaveLength(count);
  });

  it("writes all or nothing: a failure on a late row leaves the earlier rows unwritten", () => {
    const { teacher, section: s, existing, lines } = setting();
    // No prepared password for the new account (as if it appeared after the preview): the whole import stops.
    expect(() => importRoster(teacher.actor, s.id, lines, new Map())).toThrow(FormError);
    const reordered = [...lines.slice(1), lines[0]!];
    expect(() => importRoster(teacher.actor, s.id, reordered, new Map())).toThrow(FormError);
    expect(listRoster(teacher.actor, s.id).some((r) => r.email === existing.row.email)).toBe(false);
  });

  it("an address that gained an account since the preview is enrolled, not created twice", () => {
    const teacher = user("teacher");
    const s = section(teacher.row.id);
    const email = `late-${crypto.randomUUID()}@school.org`;
    const { lines } = readRosterInput({ text: `Late Comer,${email}` });
    expect(previewRosterImport(teacher.actor, s.id, lines)[0]!.outcome).toBe("create");
    const meanwhile = user("student", { email });
    const result = importRoster(teacher.actor, s.id, lines, credentials(email));
    expect(result).toMatchObject({ created: [], enrolled: 1 });
    expect(listRoster(teacher.actor, s.id).map((r) => r.studentId)).toEqual([meanwhile.row.id]);
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
