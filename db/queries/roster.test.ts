import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { UNKNOWN_ADDRESS } from "@/lib/client-address";
import { getDb, getDatabase } from "@/db";
import { accessLog, enrollments, invitations, sections, signInThrottle, users } from "@/db/schema";
import { FormError, NotFoundError } from "@/lib/errors";
import { readRosterInput, ROSTER_ACCOUNTS_PAUSED, ROSTER_PAUSED } from "@/lib/roster";
import { THROTTLE } from "@/lib/sign-in-throttle";
import { enrollment, section, user } from "@/lib/test/factories";
import { answerInvitation, listOwnInvitations } from "./enrollments";
import {
  cancelInvitation,
  importRoster,
  listSectionInvitations,
  planRosterImport,
  previewRosterImport,
  replaceOneTimePassword,
  ROSTER_REFUSALS,
} from "./roster";
import { listRoster } from "./sections";

const credentials = (...emails: string[]) =>
  new Map(emails.map((email) => [email, { password: `pw-${email}`, passwordHash: `hash-${email}` }]));

/** A section with one student of every kind the preview tells apart. */
async function setting() {
  const teacher = await user("teacher");
  const s = await section(teacher.row.id);
  const existing = await user("student");
  const enrolled = await user("student");
  await enrollment(s.id, enrolled.row.id);
  const removed = await user("student");
  await enrollment(s.id, removed.row.id, new Date());
  const inactive = await user("student", { active: false });
  const otherTeacher = await user("teacher");
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

/**
 * A network address no other test in this file has used: the counts kept per address are shared by
 * the file's tests (two random picks from 200 once met, and one test's near-limit count paused the other's).
 */
let lastAddress = 0;
const freshAddress = () => `198.51.100.${++lastAddress}`;

describe("roster import preview", () => {
  it("tells, row by row, what an import would do, and writes nothing", async () => {
    const { teacher, section: s, newEmail, lines } = await setting();
    const before = (await listRoster(teacher.actor, s.id)).length;
    const rows = await previewRosterImport(teacher.actor, s.id, lines, UNKNOWN_ADDRESS);
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
    expect((await (await getDb()).select().from(users).where(eq(users.email, newEmail)))[0]).toBeUndefined();
    expect(await listRoster(teacher.actor, s.id)).toHaveLength(before);
  });

  it("says nothing about a stranger's account: no name, no role, no deactivated state", async () => {
    const { teacher, section: s, existing, lines } = await setting();
    const rows = await previewRosterImport(teacher.actor, s.id, lines, UNKNOWN_ADDRESS);
    for (const row of rows.filter((r) => r.outcome === "invite")) {
      expect(row).toMatchObject({ accountName: null, problem: null });
    }
    expect(JSON.stringify(rows)).not.toContain(existing.row.name);
  });

  it("names and checks students the teacher already has, and enrolls accounts the teacher created", async () => {
    const teacher = await user("teacher");
    const first = await section(teacher.row.id);
    const second = await section(teacher.row.id);
    const known = await user("student");
    await enrollment(first.id, known.row.id);
    const knownOff = await user("student", { active: false });
    await enrollment(first.id, knownOff.row.id);
    const email = `made-${crypto.randomUUID()}@school.org`;
    await importRoster(teacher.actor, first.id, readRosterInput({ text: `Made Here,${email}` }).lines, credentials(email));
    const text = [`Nick Name,${known.row.email}`, `Off,${knownOff.row.email}`, `Made Here,${email}`].join("\n");
    const rows = await previewRosterImport(teacher.actor, second.id, readRosterInput({ text }).lines, UNKNOWN_ADDRESS);
    expect(rows.map((r) => [r.outcome, r.accountName, r.problem])).toEqual([
      ["invite", known.row.name, null],
      ["error", knownOff.row.name, ROSTER_REFUSALS.inactive],
      ["enroll", null, null],
    ]);
  });

  it("refuses the teacher's own address on the row (it could never be accepted), while another teacher's still reads as an invitation", async () => {
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const colleague = await user("teacher");
    const lines = readRosterInput({ text: [`Me,${teacher.row.email.toUpperCase()}`, `Colleague,${colleague.row.email}`].join("\n") }).lines;
    const rows = await previewRosterImport(teacher.actor, s.id, lines, UNKNOWN_ADDRESS);
    expect(rows.map((r) => [r.outcome, r.problem])).toEqual([
      ["error", ROSTER_REFUSALS.own],
      ["invite", null],
    ]);
    // Imported, the row is left out: no invitation the teacher could never accept.
    await importRoster(teacher.actor, s.id, lines, new Map());
    const pending = await listSectionInvitations(teacher.actor, s.id);
    expect(pending.map((i) => i.email)).toEqual([colleague.row.email]);
  });

  it("is refused for another teacher's section and for an archived one", async () => {
    const { section: s, lines } = await setting();
    await expect(previewRosterImport((await user("teacher")).actor, s.id, lines, UNKNOWN_ADDRESS)).rejects.toThrow(NotFoundError);
    const teacher = await user("teacher");
    const archived = await section(teacher.row.id, { archivedAt: new Date() });
    await expect(previewRosterImport(teacher.actor, archived.id, lines, UNKNOWN_ADDRESS)).rejects.toThrow(FormError);
  });
});

describe("the roster preview's count of accounts found outside the teacher's classes", () => {
  const strangers = async (n: number) => {
    const rows = [];
    for (let i = 0; i < n; i++) rows.push(`Stranger ${i},${(await user("student")).row.email}`);
    return readRosterInput({ text: rows.join("\n") }).lines;
  };
  const counted = async (key: string) => (await (await getDb()).select().from(signInThrottle).where(eq(signInThrottle.key, key)))[0];
  const nearLimit = async (key: string, failures: number, now: Date) =>
    await (await getDatabase()).writer.insert(signInThrottle).values({ key, failures, windowStartedAt: now });

  it("counts each stranger's account once per preview, never the teacher's own students, and pauses at the limit", async () => {
    const now = new Date();
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const own = await user("student");
    await enrollment((await section(teacher.row.id)).id, own.row.id);
    const key = `roster:${teacher.row.id}`;

    // The teacher's own student and a new address: nothing counted.
    const ownLines = readRosterInput({ text: `Own,${own.row.email}\nNew Person,new-${crypto.randomUUID()}@school.org` }).lines;
    expect((await previewRosterImport(teacher.actor, s.id, ownLines, UNKNOWN_ADDRESS, now)).map((r) => r.outcome)).toEqual([
      "invite",
      "create",
    ]);
    expect(await counted(key)).toBeUndefined();

    // Two strangers: two counted, and the answer is given.
    expect(await previewRosterImport(teacher.actor, s.id, await strangers(2), UNKNOWN_ADDRESS, now)).toHaveLength(2);
    expect((await counted(key))?.failures).toBe(2);

    // Up to one short of the limit, still answered; the preview that reaches it is refused, and so is the next, even of own students.
    await (
      await getDatabase()
    ).writer
      .update(signInThrottle)
      .set({ failures: THROTTLE.strangersPerTeacher - 4 })
      .where(eq(signInThrottle.key, key));
    expect(await previewRosterImport(teacher.actor, s.id, await strangers(3), UNKNOWN_ADDRESS, now)).toHaveLength(3);
    await expect(previewRosterImport(teacher.actor, s.id, await strangers(1), UNKNOWN_ADDRESS, now)).rejects.toThrow(ROSTER_PAUSED);
    await expect(previewRosterImport(teacher.actor, s.id, ownLines, UNKNOWN_ADDRESS, now)).rejects.toThrow(ROSTER_PAUSED);
    // Another teacher is not paused; this one is answered again once the pause is over.
    const other = await user("teacher");
    expect(await previewRosterImport(other.actor, (await section(other.row.id)).id, ownLines, UNKNOWN_ADDRESS, now)).toHaveLength(2);
    const later = new Date(now.getTime() + THROTTLE.lockMs + 1000);
    expect(await previewRosterImport(teacher.actor, s.id, ownLines, UNKNOWN_ADDRESS, later)).toHaveLength(2);
  });

  it("pauses every teacher at one network address past its own limit, and them only", async () => {
    const now = new Date();
    const address = freshAddress();
    await nearLimit(`roster-address:${address}`, THROTTLE.strangersPerAddress - 1, now);
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    await expect(previewRosterImport(teacher.actor, s.id, await strangers(1), address, now)).rejects.toThrow(ROSTER_PAUSED);
    await expect(previewRosterImport(teacher.actor, s.id, await strangers(1), address, now)).rejects.toThrow(ROSTER_PAUSED);
    expect(await previewRosterImport(teacher.actor, s.id, await strangers(1), "192.0.2.44", now)).toHaveLength(1);
  });
});

describe("the count of accounts roster imports make", () => {
  const newcomers = (n: number) =>
    readRosterInput({
      text: Array.from({ length: n }, (_, i) => `Newcomer ${i},newcomer-${i}-${crypto.randomUUID()}@school.org`).join("\n"),
    }).lines;
  const counted = async (key: string) => (await (await getDb()).select().from(signInThrottle).where(eq(signInThrottle.key, key)))[0];
  const nearLimit = async (key: string, failures: number, now: Date) =>
    await (await getDatabase()).writer.insert(signInThrottle).values({ key, failures, windowStartedAt: now });
  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      () => "planned",
      (error: unknown) => (error instanceof FormError ? error.message : error),
    );

  it("counts the accounts an import is about to make, not a preview's nor an import's own students, and refuses the import that reaches the limit", async () => {
    const now = new Date();
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const own = await user("student");
    await enrollment((await section(teacher.row.id)).id, own.row.id);
    const key = `roster-accounts:${teacher.row.id}`;

    // A preview makes nothing, so counts nothing; nor does an import that makes no account.
    expect(await previewRosterImport(teacher.actor, s.id, newcomers(3), UNKNOWN_ADDRESS, now)).toHaveLength(3);
    expect(await counted(key)).toBeUndefined();
    const ownLines = readRosterInput({ text: `Own,${own.row.email}` }).lines;
    expect(await planRosterImport(teacher.actor, s.id, ownLines, UNKNOWN_ADDRESS, now)).toHaveLength(1);
    expect(await counted(key)).toBeUndefined();

    // An import of three new students counts three, before anything is hashed or written.
    expect((await planRosterImport(teacher.actor, s.id, newcomers(3), UNKNOWN_ADDRESS, now)).map((r) => r.outcome)).toEqual(
      Array(3).fill("create"),
    );
    expect((await counted(key))?.failures).toBe(3);

    // Up to one short of the limit, planned; the import that would reach it is refused, and so is the next.
    await (
      await getDatabase()
    ).writer
      .update(signInThrottle)
      .set({ failures: THROTTLE.rosterAccountsPerTeacher - 3 })
      .where(eq(signInThrottle.key, key));
    expect(await planRosterImport(teacher.actor, s.id, newcomers(2), UNKNOWN_ADDRESS, now)).toHaveLength(2);
    await expect(planRosterImport(teacher.actor, s.id, newcomers(1), UNKNOWN_ADDRESS, now)).rejects.toThrow(ROSTER_ACCOUNTS_PAUSED);
    await expect(planRosterImport(teacher.actor, s.id, newcomers(1), UNKNOWN_ADDRESS, now)).rejects.toThrow(ROSTER_ACCOUNTS_PAUSED);
    // While paused: previews, and imports that make no account, still go through; another teacher's imports too.
    expect(await previewRosterImport(teacher.actor, s.id, newcomers(2), UNKNOWN_ADDRESS, now)).toHaveLength(2);
    expect(await planRosterImport(teacher.actor, s.id, ownLines, UNKNOWN_ADDRESS, now)).toHaveLength(1);
    const other = await user("teacher");
    expect(await planRosterImport(other.actor, (await section(other.row.id)).id, newcomers(2), UNKNOWN_ADDRESS, now)).toHaveLength(2);
    // Once the pause is over, this teacher's imports make accounts again.
    const later = new Date(now.getTime() + THROTTLE.lockMs + 1000);
    expect(await planRosterImport(teacher.actor, s.id, newcomers(2), UNKNOWN_ADDRESS, later)).toHaveLength(2);
  });

  it("imports sent at once near the limit: only those the count has room for are planned", async () => {
    const now = new Date();
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    await nearLimit(`roster-accounts:${teacher.row.id}`, THROTTLE.rosterAccountsPerTeacher - 6, now);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => outcome(planRosterImport(teacher.actor, s.id, newcomers(2), UNKNOWN_ADDRESS, now))),
    );
    // Two lists of two fit (four short of the limit, then two); the third would reach it.
    expect(outcomes.filter((o) => o === "planned")).toHaveLength(2);
    expect(outcomes.filter((o) => o === ROSTER_ACCOUNTS_PAUSED)).toHaveLength(3);
  });

  it("counts every teacher at one network address together, and pauses them there only", async () => {
    const now = new Date();
    const address = freshAddress();
    await nearLimit(`roster-accounts-address:${address}`, THROTTLE.rosterAccountsPerAddress - 1, now);
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    await expect(planRosterImport(teacher.actor, s.id, newcomers(1), address, now)).rejects.toThrow(ROSTER_ACCOUNTS_PAUSED);
    await expect(planRosterImport(teacher.actor, s.id, newcomers(1), address, now)).rejects.toThrow(ROSTER_ACCOUNTS_PAUSED);
    // The refused imports charged the teacher's own count nothing.
    expect(await counted(`roster-accounts:${teacher.row.id}`)).toBeUndefined();
    expect(await planRosterImport(teacher.actor, s.id, newcomers(1), "192.0.2.45", now)).toHaveLength(1);
  });

  it("an import refused at the teacher's limit charges the address nothing, so one teacher can't use up a school's count", async () => {
    const now = new Date();
    const address = freshAddress();
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    await nearLimit(`roster-accounts:${teacher.row.id}`, THROTTLE.rosterAccountsPerTeacher - 10, now);
    expect(await planRosterImport(teacher.actor, s.id, newcomers(4), address, now)).toHaveLength(4);
    expect((await counted(`roster-accounts-address:${address}`))?.failures).toBe(4);
    await expect(planRosterImport(teacher.actor, s.id, newcomers(6), address, now)).rejects.toThrow(ROSTER_ACCOUNTS_PAUSED);
    expect((await counted(`roster-accounts-address:${address}`))?.failures).toBe(4);
    // Another teacher there goes on.
    const other = await user("teacher");
    expect(await planRosterImport(other.actor, (await section(other.row.id)).id, newcomers(3), address, now)).toHaveLength(3);
    expect((await counted(`roster-accounts-address:${address}`))?.failures).toBe(7);
  });
});

describe("roster import", () => {
  it("creates and restores at once, invites existing accounts; new accounts must change their one-time password", async () => {
    const { teacher, section: s, existing, removed, newEmail, lines } = await setting();
    const result = await importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    expect(result).toMatchObject({ enrolled: 0, invited: 3, restored: 1, alreadyEnrolled: 1, skipped: 2 });
    expect(result.created).toEqual([{ studentId: expect.any(String), name: "New Student", email: newEmail, password: `pw-${newEmail}` }]);
    const created = (await (await getDb()).select().from(users).where(eq(users.email, newEmail)))[0]!;
    expect(created).toMatchObject({
      role: "student",
      name: "New Student",
      passwordHash: `hash-${newEmail}`,
      mustChangePassword: true,
      createdBy: teacher.row.id,
    });
    const roster = await listRoster(teacher.actor, s.id);
    const active = roster.filter((r) => !r.removedAt).map((r) => r.email);
    expect(active).toEqual(expect.arrayContaining([newEmail, removed.row.email]));
    // Never enrolled without consent: the existing account is invited, under the name on the list.
    expect(active).not.toContain(existing.row.email);
    const invited = await listSectionInvitations(teacher.actor, s.id);
    expect(invited).toHaveLength(3);
    expect(invited).toContainEqual(expect.objectContaining({ listedName: "Existing Person", email: existing.row.email, declinedAt: null }));
    // Every stranger's account gets the same row, so a second preview can't tell a teacher's or a
    // deactivated account from a student's.
    expect(await (await getDb()).select().from(invitations).where(eq(invitations.sectionId, s.id))).toHaveLength(3);
    expect((await previewRosterImport(teacher.actor, s.id, lines, UNKNOWN_ADDRESS)).filter((r) => r.outcome === "invited")).toHaveLength(3);
  });

  it("importing the same list twice changes nothing the second time", async () => {
    const { teacher, section: s, newEmail, lines } = await setting();
    await importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    const count = (await (await getDb()).select().from(enrollments).where(eq(enrollments.sectionId, s.id))).length;
    const again = await importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    expect(again).toMatchObject({ created: [], enrolled: 0, invited: 0, restored: 0, alreadyEnrolled: 6 });
    expect(await (await getDb()).select().from(enrollments).where(eq(enrollments.sectionId, s.id))).toHaveLength(count);
    expect(await (await getDb()).select().from(invitations).where(eq(invitations.sectionId, s.id))).toHaveLength(3);
  });

  it("writes all or nothing: a failure on a late row leaves the earlier rows unwritten", async () => {
    const { teacher, section: s, existing, lines } = await setting();
    // No prepared password for the new account (as if it appeared after the preview): the whole import stops.
    await expect(importRoster(teacher.actor, s.id, lines, new Map())).rejects.toThrow(FormError);
    const reordered = [...lines.slice(1), lines[0]!];
    await expect(importRoster(teacher.actor, s.id, reordered, new Map())).rejects.toThrow(FormError);
    expect((await listRoster(teacher.actor, s.id)).some((r) => r.email === existing.row.email)).toBe(false);
  });

  it("an address that gained an account since the preview is invited, not created twice", async () => {
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const email = `late-${crypto.randomUUID()}@school.org`;
    const { lines } = readRosterInput({ text: `Late Comer,${email}` });
    expect((await previewRosterImport(teacher.actor, s.id, lines, UNKNOWN_ADDRESS))[0]!.outcome).toBe("create");
    const meanwhile = await user("student", { email });
    const result = await importRoster(teacher.actor, s.id, lines, credentials(email));
    expect(result).toMatchObject({ created: [], enrolled: 0, invited: 1 });
    expect(await listRoster(teacher.actor, s.id)).toEqual([]);
    expect((await listOwnInvitations(meanwhile.actor)).map((i) => i.sectionName)).toEqual([s.name]);
  });

  it("is refused for another teacher's section", async () => {
    const { section: s, newEmail, lines } = await setting();
    await expect(importRoster((await user("teacher")).actor, s.id, lines, credentials(newEmail))).rejects.toThrow(NotFoundError);
    expect((await (await getDb()).select().from(users).where(eq(users.email, newEmail)))[0]).toBeUndefined();
  });
});

describe("a new one-time password for a lost slip", () => {
  it("works for the teacher's own student who has never signed in, and ends their old sessions", async () => {
    const { teacher, section: s, newEmail, lines } = await setting();
    const { created } = await importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    const before = (await (await getDb()).select().from(users).where(eq(users.email, newEmail)))[0]!;
    await replaceOneTimePassword(teacher.actor, s.id, created[0]!.studentId, "fresh-hash");
    const after = (await (await getDb()).select().from(users).where(eq(users.email, newEmail)))[0]!;
    expect(after.passwordHash).toBe("fresh-hash");
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    // On record: whoever holds the new password can sign in as the student.
    expect(await (await getDb()).select().from(accessLog).where(eq(accessLog.studentId, after.id))).toMatchObject([
      { action: "account", actorId: teacher.row.id, sectionId: s.id, detail: "One-time password given" },
    ]);
  });

  it("is refused once anyone has signed in to the account", async () => {
    const { teacher, section: s, newEmail, lines } = await setting();
    const { created } = await importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    await (await getDatabase()).writer.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, created[0]!.studentId));
    await expect(replaceOneTimePassword(teacher.actor, s.id, created[0]!.studentId, "x")).rejects.toThrow(NotFoundError);
    expect((await listRoster(teacher.actor, s.id)).find((r) => r.studentId === created[0]!.studentId)?.canReplacePassword).toBe(false);
  });

  it("is refused for a student with their own password, another teacher's student, or another section", async () => {
    const { teacher, section: s, enrolled, newEmail, lines } = await setting();
    const { created } = await importRoster(teacher.actor, s.id, lines, credentials(newEmail));
    await expect(replaceOneTimePassword(teacher.actor, s.id, enrolled.row.id, "x")).rejects.toThrow(NotFoundError);
    await expect(replaceOneTimePassword((await user("teacher")).actor, s.id, created[0]!.studentId, "x")).rejects.toThrow(NotFoundError);
    const otherSection = await section(teacher.row.id);
    await expect(replaceOneTimePassword(teacher.actor, otherSection.id, created[0]!.studentId, "x")).rejects.toThrow(NotFoundError);
    expect((await (await getDb()).select().from(users).where(eq(users.email, newEmail)))[0]!.passwordHash).toBe(`hash-${newEmail}`);
    expect(await (await getDb()).select().from(accessLog).where(eq(accessLog.studentId, created[0]!.studentId))).toEqual([]);
  });
});

describe("the takeover chain from the security review, refused at each step", () => {
  /** Teacher A imports new student X; teacher B (anyone: sign-up is open) then tries to take X over. */
  async function chain() {
    const a = await user("teacher");
    const sectionA = await section(a.row.id);
    const email = `x-${crypto.randomUUID()}@school.org`;
    const { created } = await importRoster(
      a.actor,
      sectionA.id,
      readRosterInput({ text: `Xavier Real-Name,${email}` }).lines,
      credentials(email),
    );
    const x = created[0]!;
    const b = await user("teacher");
    const sectionB = await section(b.row.id);
    const lines = readRosterInput({ text: `Anything,${email}` }).lines;
    return { a, sectionA, x, b, sectionB, lines, email };
  }

  it("B's preview shows only that an invitation will go out; B's import enrolls nobody", async () => {
    const { x, b, sectionB, lines } = await chain();
    const [row] = await previewRosterImport(b.actor, sectionB.id, lines, UNKNOWN_ADDRESS);
    expect(row).toMatchObject({ outcome: "invite", accountName: null, problem: null });
    expect(JSON.stringify(row)).not.toContain("Xavier");
    expect(await importRoster(b.actor, sectionB.id, lines, new Map())).toMatchObject({ created: [], enrolled: 0, invited: 1 });
    expect((await listRoster(b.actor, sectionB.id)).map((r) => r.studentId)).not.toContain(x.studentId);
  });

  it("B can never replace X's one-time password, even after X accepts B's invitation; A still can", async () => {
    const { a, sectionA, x, b, sectionB, lines, email } = await chain();
    await importRoster(b.actor, sectionB.id, lines, new Map());
    await expect(replaceOneTimePassword(b.actor, sectionB.id, x.studentId, "b-hash")).rejects.toThrow(NotFoundError);
    const xActor = { id: x.studentId, name: x.name, email, role: "student" as const };
    const [invitation] = await listOwnInvitations(xActor);
    await answerInvitation(xActor, invitation!.invitationId, true);
    expect((await listRoster(b.actor, sectionB.id)).map((r) => r.studentId)).toContain(x.studentId);
    expect((await listRoster(b.actor, sectionB.id)).find((r) => r.studentId === x.studentId)?.canReplacePassword).toBe(false);
    await expect(replaceOneTimePassword(b.actor, sectionB.id, x.studentId, "b-hash")).rejects.toThrow(NotFoundError);
    await expect(replaceOneTimePassword(b.actor, sectionA.id, x.studentId, "b-hash")).rejects.toThrow(NotFoundError);
    expect((await (await getDb()).select().from(users).where(eq(users.id, x.studentId)))[0]!.passwordHash).toBe(`hash-${email}`);
    // The paired success: the creator can still help with a lost slip.
    await replaceOneTimePassword(a.actor, sectionA.id, x.studentId, "a-hash");
    expect((await (await getDb()).select().from(users).where(eq(users.id, x.studentId)))[0]!.passwordHash).toBe("a-hash");
  });
});

describe("invitations", () => {
  async function invited() {
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const student = await user("student");
    await importRoster(teacher.actor, s.id, readRosterInput({ text: `Listed Name,${student.row.email}` }).lines, new Map());
    const [invitation] = await listOwnInvitations(student.actor);
    return { teacher, section: s, student, invitation: invitation! };
  }

  it("the student sees the class and the teacher's name, and joins by accepting", async () => {
    const { teacher, section: s, student, invitation } = await invited();
    expect(invitation).toMatchObject({ sectionName: s.name, teacherName: teacher.row.name });
    expect(await answerInvitation(student.actor, invitation.invitationId, true)).toEqual({ sectionId: s.id, sectionName: s.name });
    expect((await listRoster(teacher.actor, s.id)).map((r) => r.studentId)).toEqual([student.row.id]);
    expect(await listOwnInvitations(student.actor)).toEqual([]);
    expect(await listSectionInvitations(teacher.actor, s.id)).toEqual([]);
  });

  it("lists the section's invitations in the class order, capitals and accents aside", async () => {
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const listed = ["Zoë Brontë", "łukasz Nowak", "Ángela Ruiz", "bea Brown", "Amir Khan"];
    const text = [];
    for (const name of listed) text.push(`${name},${(await user("student")).row.email}`);
    await importRoster(teacher.actor, s.id, readRosterInput({ text: text.join("\n") }).lines, new Map());
    expect((await listSectionInvitations(teacher.actor, s.id)).map((i) => i.listedName)).toEqual([
      "Amir Khan",
      "Ángela Ruiz",
      "bea Brown",
      "łukasz Nowak",
      "Zoë Brontë",
    ]);
  });

  it("declining enrolls nothing; the teacher sees it declined and a re-import does not invite again", async () => {
    const { teacher, section: s, student, invitation } = await invited();
    await answerInvitation(student.actor, invitation.invitationId, false);
    expect(await listRoster(teacher.actor, s.id)).toEqual([]);
    expect(await listOwnInvitations(student.actor)).toEqual([]);
    expect((await listSectionInvitations(teacher.actor, s.id))[0]!.declinedAt).toBeInstanceOf(Date);
    const [row] = await previewRosterImport(
      teacher.actor,
      s.id,
      readRosterInput({ text: `Listed Name,${student.row.email}` }).lines,
      UNKNOWN_ADDRESS,
    );
    expect(row).toMatchObject({ outcome: "declined", problem: ROSTER_REFUSALS.declined });
    await expect(answerInvitation(student.actor, invitation.invitationId, true)).rejects.toThrow(NotFoundError);
  });

  it("only the invited student can answer, and only the section's teacher can withdraw it", async () => {
    const { teacher, section: s, student, invitation } = await invited();
    await expect(answerInvitation((await user("student")).actor, invitation.invitationId, true)).rejects.toThrow(NotFoundError);
    await expect(cancelInvitation((await user("teacher")).actor, s.id, invitation.invitationId)).rejects.toThrow(NotFoundError);
    await expect(listSectionInvitations((await user("teacher")).actor, s.id)).rejects.toThrow(NotFoundError);
    expect(await listOwnInvitations(student.actor)).toHaveLength(1);
    await cancelInvitation(teacher.actor, s.id, invitation.invitationId);
    expect(await listOwnInvitations(student.actor)).toEqual([]);
  });

  it("an archived class can't be joined by accepting", async () => {
    const { section: s, student, invitation } = await invited();
    await (await getDatabase()).writer.update(sections).set({ archivedAt: new Date() }).where(eq(sections.id, s.id));
    expect(await listOwnInvitations(student.actor)).toEqual([]);
    await expect(answerInvitation(student.actor, invitation.invitationId, true)).rejects.toThrow(FormError);
  });
});

describe("the roster's signed-in mark", () => {
  it("marks a student who never signed in (on a one-time password or a password of their own), not one with a sign-in on record", async () => {
    const db = (await getDatabase()).writer;
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const [fresh, reset, own, signedIn] = [await user("student"), await user("student"), await user("student"), await user("student")];
    for (const student of [fresh, reset, own, signedIn]) await enrollment(s.id, student.row.id);
    await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, signedIn.row.id));
    await db.update(users).set({ mustChangePassword: true }).where(eq(users.id, fresh.row.id));
    // An administrator's new one-time password, for a student who has signed in before.
    await db.update(users).set({ mustChangePassword: true, lastSignInAt: new Date() }).where(eq(users.id, reset.row.id));
    const marks = new Map((await listRoster(teacher.actor, s.id)).map((r) => [r.studentId, r.hasSignedIn]));
    // A password of their own but no sign-in (an account an administrator or the demo made): not yet,
    // as the administrator's page says "Never".
    expect([fresh, reset, own, signedIn].map((x) => marks.get(x.row.id))).toEqual([false, true, false, true]);
  });
});
