import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { accessLog, users } from "@/db/schema";
import { describeAccess } from "@/lib/access-log";
import { contains } from "@/db/sql";
import { foldForSearch } from "@/lib/text";
import { FieldError, FormError, NotFoundError } from "@/lib/errors";
import { assignment, classroom, enrollment, section, user } from "@/lib/test/factories";
import { accountFilterSchema, sectionFilterSchema } from "@/lib/validations/admin";
import { accessLogFilterSchema } from "@/lib/validations/access-log";
import { findSessionUser } from "./accounts";
import { listAccessLog } from "./access-log";
import {
  changeRole,
  createAdministrator,
  decideTeacherApproval,
  getAccount,
  getAdminOverview,
  listAccounts,
  listAllSections,
  renameAccount,
  setAccountActive,
  resetAdministratorPassword,
  setOneTimePassword,
  transferSection,
} from "./admin";
import { saveScore } from "./grading";
import { listQueue } from "./queue";
import { getTeacherSection, listRoster } from "./sections";
import { getStudentWork, saveDraft, submitWork } from "./work";

/** A session that was never signed out (lib/server/auth.ts mints a random id per sign-in). */
const SESSION = crypto.randomUUID();

const accountsFilter = (query: Record<string, string>) => accountFilterSchema.parse(query);
const writer = async () => (await getDatabase()).writer;
const sessionVersion = async (id: string) =>
  (await (await getDb()).select({ v: users.sessionVersion }).from(users).where(eq(users.id, id)))[0]!.v;

describe("the administrator's accounts", () => {
  it("finds names without their accents, in either case, and with any kind of apostrophe", async () => {
    const admin = await user("admin");
    const tag = crypto.randomUUID().slice(0, 8);
    const named = async (name: string) => {
      const { row } = await user("student");
      await (
        await writer()
      )
        .update(users)
        .set({ name: `${name} ${tag}` })
        .where(eq(users.id, row.id));
      return row.id;
    };
    const diego = await named("Diego Hernández");
    const siobhan = await named("Siobhán O’Brien");
    const zoe = await named("ZOË ŁUKASZEWSKA");
    const nadia = await named("Надія Ковалёва");
    const found = async (q: string) =>
      (await listAccounts(admin.actor, accountsFilter({ q: `${q}`, role: "student" }))).rows.map((r) => r.id);
    for (const q of ["Hernandez", "hernan", "HERNÁNDEZ", "hernández"]) expect(await found(q), q).toEqual([diego]);
    for (const q of ["o'brien", "O’BRIEN", "o`brien", "siobhan o'b"]) expect(await found(q), q).toEqual([siobhan]);
    for (const q of ["zoe", "Zoë", "lukaszewska"]) expect(await found(q), q).toEqual([zoe]);
    for (const q of ["ковалева", "КОВАЛЁВА"]) expect(await found(q), q).toEqual([nadia]);
    // Refused: another name, and a wildcard taken literally.
    expect(await found("hernandex")).toEqual([]);
    expect(await found("o_brien")).toEqual([]);
    // The tag alone finds all four.
    expect((await found(tag)).sort()).toEqual([diego, siobhan, zoe, nadia].sort());
  });

  it("folds stored text on the database exactly as the search term is folded, for names from many languages", async () => {
    const admin = await user("admin");
    const names = [
      // Plain text takes lower() alone on PostgreSQL too; a backquote is not plain (it folds to ').
      "McDONALD Sam-Lee 2nd",
      "O`Brien",
      "Nguyễn Thị Ánh",
      "Trần Đặng Huỳnh",
      "Phạm Quốc Việt",
      "René Dupré",
      "Rene\u0301e Lefe\u0300vre",
      "Çağla İnce",
      "Łukasz Żółć",
      "Strauß",
      "STRAUẞ",
      "Ærøskøbing",
      "Œuvre",
      "Þór Guðmundsson",
      "Ἀλέξανδρος Νίκος",
      "ΝΙΚΟΣ ΠΑΠΑΣ", // a final sigma: "ς" in JavaScript's lower case, "σ" in PostgreSQL's
      "Ёлка Йошкар",
      "Siobhán O’Brien",
      "D‘Angelo ʼAkil",
      "Zoë Brontë",
      "José Martínez-Núñez",
      // Scripts whose marks are part of the letter: searched as typed, on both databases.
      "김민준",
      "がっこう ヴィオラ",
      "पूजा शर्मा",
      "สมชาย",
      "שָׁלוֹם",
      "Müller 김민준",
    ];
    for (const name of names) {
      const matches = await (
        await getDb()
      )
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, admin.row.id), contains(foldForSearch(name), sql`${name}`)));
      expect(matches, `${name} folded as ${foldForSearch(name)}`).toHaveLength(1);
    }
  });

  it("lists accounts in name order whatever the capitals", async () => {
    const admin = await user("admin");
    const tag = crypto.randomUUID().slice(0, 8);
    for (const name of ["Zed", "carl", "Bea", "amir"]) await user("student", { email: `${name}-${tag}@unit.test`, name: `${name} ${tag}` });
    const listed = await listAccounts(admin.actor, accountsFilter({ q: tag }));
    expect(listed.rows.map((r) => r.name.split(" ")[0])).toEqual(["amir", "Bea", "carl", "Zed"]);
  });

  it("searches by name or email, case-insensitively, with % taken literally, and pages on the server", async () => {
    const admin = await user("admin");
    const tag = crypto.randomUUID().slice(0, 8);
    for (let i = 0; i < 30; i++) await user("student", { email: `pupil-${tag}-${i}@unit.test` });
    const teacher = await user("teacher", { email: `Teach-${tag}@unit.test` });

    const first = await listAccounts(admin.actor, accountsFilter({ q: `PUPIL-${tag}` }));
    expect(first.total).toBe(30);
    expect(first.rows).toHaveLength(25);
    const second = await listAccounts(admin.actor, accountsFilter({ q: `pupil-${tag}`, page: "2" }));
    expect(second.rows).toHaveLength(5);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(30);
    // A page past the end (an old link) is the last page, not an empty one.
    const past = await listAccounts(admin.actor, accountsFilter({ q: `pupil-${tag}`, page: "999" }));
    expect(past).toMatchObject({ page: 2, total: 30 });
    expect(past.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
    expect(await listAccounts(admin.actor, accountsFilter({ q: `nobody-${tag}`, page: "3" }))).toMatchObject({
      page: 1,
      total: 0,
      rows: [],
    });

    expect((await listAccounts(admin.actor, accountsFilter({ q: tag, role: "teacher" }))).rows.map((r) => r.id)).toEqual([teacher.row.id]);
    expect((await listAccounts(admin.actor, accountsFilter({ q: `${tag}%` }))).total).toBe(0);
    // By name too.
    expect((await listAccounts(admin.actor, accountsFilter({ q: teacher.row.name }))).rows.map((r) => r.id)).toContain(teacher.row.id);
  });

  it("answers a search for text no database could hold with no accounts, while accents and emoji are searched as usual", async () => {
    const admin = await user("admin");
    const tag = crypto.randomUUID().slice(0, 8);
    const zoe = await user("student", { email: `zoe-${tag}@unit.test` });
    await (
      await writer()
    )
      .update(users)
      .set({ name: `Zoë 🎉 ${tag}` })
      .where(eq(users.id, zoe.row.id));

    for (const q of [`a\u0000`, `${tag}\u0000`, `Zo\ud800`, "\udc00"]) {
      expect(await listAccounts(admin.actor, accountsFilter({ q }))).toMatchObject({ rows: [], total: 0 });
    }
    expect((await listAccounts(admin.actor, accountsFilter({ q: `zoë 🎉 ${tag}` }))).rows.map((r) => r.id)).toEqual([zoe.row.id]);
  });

  it("filters by state: active, deactivated, pending approval", async () => {
    const admin = await user("admin");
    const gone = await user("student");
    const waiting = await user("teacher");
    await (await writer()).update(users).set({ approval: "pending" }).where(eq(users.id, waiting.row.id));
    await setAccountActive(admin.actor, gone.row.id, false);
    const ids = async (state: string) => (await listAccounts(admin.actor, accountsFilter({ state }))).rows.map((r) => r.id);
    expect(await ids("deactivated")).toContain(gone.row.id);
    expect(await ids("active")).not.toContain(gone.row.id);
    expect(await ids("pending")).toEqual([waiting.row.id]);
    expect((await getAdminOverview(admin.actor)).pendingApprovals).toBe(1);
    // The overview's tiles count what the lists they link to show: a teacher waiting is not active yet.
    const total = async (state: string) => (await listAccounts(admin.actor, accountsFilter({ state }))).total;
    const overview = await getAdminOverview(admin.actor);
    expect(overview.activeAccounts).toBe(await total("active"));
    expect(overview.deactivatedAccounts).toBe(await total("deactivated"));
  });

  it("deactivating takes effect at once, reactivating lets the account back in", async () => {
    const admin = await user("admin");
    const { student } = await classroom();
    const version = await sessionVersion(student.row.id);
    expect(await findSessionUser({ userId: student.row.id, sessionVersion: version, sessionId: SESSION })).not.toBeNull();

    const off = await setAccountActive(admin.actor, student.row.id, false);
    expect(off).toMatchObject({ active: false, deactivatedAt: expect.any(Date) });
    expect(await findSessionUser({ userId: student.row.id, sessionVersion: version, sessionId: SESSION })).toBeNull();
    expect(await sessionVersion(student.row.id)).toBe(version + 1);

    const on = await setAccountActive(admin.actor, student.row.id, true);
    expect(on).toMatchObject({ active: true, deactivatedAt: null });
    // The old session stays ended; a new sign-in gets the current version.
    expect(await findSessionUser({ userId: student.row.id, sessionVersion: version, sessionId: SESSION })).toBeNull();
    expect(await findSessionUser({ userId: student.row.id, sessionVersion: version + 1, sessionId: SESSION })).not.toBeNull();
  });

  it("refuses to deactivate yourself or the last active administrator, and allows another administrator", async () => {
    // A fresh world of administrators: deactivate every other one so this one is the last.
    const db = await getDb();
    await (await writer()).update(users).set({ active: false }).where(eq(users.role, "admin"));
    const admin = await user("admin");
    await expect(setAccountActive(admin.actor, admin.row.id, false)).rejects.toThrow(/last active administrator/);

    const other = await user("admin");
    await expect(setAccountActive(admin.actor, admin.row.id, false)).rejects.toThrow(/your own account/);
    expect(await setAccountActive(admin.actor, other.row.id, false)).toMatchObject({ active: false });
    // The deactivated administrator can no longer act: their own queries refuse them.
    await expect(listAccounts(other.actor, accountsFilter({}))).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.select({ active: users.active }).from(users).where(eq(users.id, admin.row.id)))[0]!.active).toBe(true);
  });

  it("a new one-time password ends sessions and must be replaced at the next sign-in", async () => {
    const admin = await user("admin");
    const teacher = await user("teacher");
    const version = await sessionVersion(teacher.row.id);
    await setOneTimePassword(admin.actor, teacher.row.id, "new-hash");
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, teacher.row.id));
    expect(row).toMatchObject({ passwordHash: "new-hash", mustChangePassword: true, sessionVersion: version + 1 });
    expect(await findSessionUser({ userId: teacher.row.id, sessionVersion: version, sessionId: SESSION })).toBeNull();
    await expect(setOneTimePassword(admin.actor, admin.row.id, "mine")).rejects.toBeInstanceOf(FormError);
  });

  it("never replaces another administrator's password, which would let one sign in as the other", async () => {
    const admin = await user("admin");
    const other = await user("admin");
    const [before] = await (await getDb()).select().from(users).where(eq(users.id, other.row.id));
    await expect(setOneTimePassword(admin.actor, other.row.id, "takeover")).rejects.toThrow(
      `Whoever runs the server resets it with: npm run admin -- reset --email ${other.row.email}`,
    );
    expect((await (await getDb()).select().from(users).where(eq(users.id, other.row.id)))[0]).toEqual(before);
    // The server's own command does it (and only for an administrator).
    await resetAdministratorPassword({ email: other.row.email, passwordHash: "reset-hash" });
    expect((await (await getDb()).select().from(users).where(eq(users.id, other.row.id)))[0]).toMatchObject({
      passwordHash: "reset-hash",
      mustChangePassword: true,
      sessionVersion: before!.sessionVersion + 1,
    });
    const teacher = await user("teacher");
    await expect(resetAdministratorPassword({ email: teacher.row.email, passwordHash: "x" })).rejects.toBeInstanceOf(FieldError);
  });

  it("changes a role only when safe, and says what blocks it", async () => {
    const admin = await user("admin");
    const { teacher, student, section: s, assignment: a } = await classroom();
    const fresh = await user("student");
    const idleTeacher = await user("teacher");

    // Safe: nothing attaches either account to its role.
    expect((await getAccount(admin.actor, fresh.row.id)).roleChange.teacher).toEqual([]);
    expect(await changeRole(admin.actor, fresh.row.id, "teacher")).toMatchObject({ role: "teacher", approval: "approved" });
    expect(await changeRole(admin.actor, idleTeacher.row.id, "student")).toMatchObject({ role: "student" });

    // Blocked: an enrolled student with work; a teacher who owns a section and has graded.
    await saveDraft(student.actor, a.id, 0, SAMPLE_DRAFTS.complete);
    await submitWork(student.actor, a.id, 1, true);
    const submission = (await getStudentWork(student.actor, a.id)).submission!;
    await saveScore(teacher.actor, submission.id, "ideation", { points: 3 }, 0);
    const studentBlock = (await getAccount(admin.actor, student.row.id)).roleChange.teacher;
    expect(studentBlock.join(" ")).toMatch(/member of 1 section.*work in 1 assignment/);
    await expect(changeRole(admin.actor, student.row.id, "teacher")).rejects.toThrow(/member of 1 section/);
    await expect(changeRole(admin.actor, teacher.row.id, "student")).rejects.toThrow(
      /owns 1 section \(transfer them first\) and has graded/,
    );
    await expect(changeRole(admin.actor, admin.row.id, "teacher")).rejects.toThrow(/Administrators are not changed/);
    const [still] = await (await getDb()).select({ role: users.role }).from(users).where(eq(users.id, student.row.id));
    expect(still!.role).toBe("student");
    // Its section stays the teacher's.
    expect((await getTeacherSection(teacher.actor, s.id)).id).toBe(s.id);
  });

  it("approves or refuses a waiting teacher; only a waiting one can be refused", async () => {
    const admin = await user("admin");
    const waiting = await user("teacher");
    const other = await user("teacher");
    const db = await writer();
    await db.update(users).set({ approval: "pending" }).where(eq(users.id, waiting.row.id));
    await db.update(users).set({ approval: "pending" }).where(eq(users.id, other.row.id));
    const version = await sessionVersion(waiting.row.id);
    expect((await findSessionUser({ userId: waiting.row.id, sessionVersion: version, sessionId: SESSION }))?.approval).toBe("pending");

    expect(await decideTeacherApproval(admin.actor, waiting.row.id, "approved", "pending")).toMatchObject({ approval: "approved" });
    expect((await findSessionUser({ userId: waiting.row.id, sessionVersion: version, sessionId: SESSION }))?.approval).toBe("approved");
    await expect(decideTeacherApproval(admin.actor, waiting.row.id, "refused", "pending")).rejects.toBeInstanceOf(FormError);

    expect(await decideTeacherApproval(admin.actor, other.row.id, "refused", "pending")).toMatchObject({ approval: "refused" });
    const student = await user("student");
    await expect(decideTeacherApproval(admin.actor, student.row.id, "approved", "pending")).rejects.toBeInstanceOf(FormError);
  });

  it("refuses a decision made on a page that showed another state: a refusal by another administrator is not overturned unseen", async () => {
    const admin = await user("admin");
    const colleague = await user("admin");
    const waiting = await user("teacher");
    await (await writer()).update(users).set({ approval: "pending" }).where(eq(users.id, waiting.row.id));
    // Both pages show the account waiting; the colleague refuses first.
    await decideTeacherApproval(colleague.actor, waiting.row.id, "refused", "pending");
    const stale = decideTeacherApproval(admin.actor, waiting.row.id, "approved", "pending");
    await expect(stale).rejects.toMatchObject({
      code: "stale",
      message: expect.stringContaining("Another administrator has refused this account"),
    });
    expect((await getAccount(admin.actor, waiting.row.id)).account.approval).toBe("refused");
    // Seen refused, it can still be approved, as the page offers.
    expect(await decideTeacherApproval(admin.actor, waiting.row.id, "approved", "refused")).toMatchObject({ approval: "approved" });
    // The same decision twice (a double click) is no conflict.
    expect(await decideTeacherApproval(colleague.actor, waiting.row.id, "approved", "pending")).toMatchObject({ approval: "approved" });
  });
});

describe("correcting a name", () => {
  it("changes it everywhere the account is shown: the teacher's roster from its next read", async () => {
    const admin = await user("admin");
    const { teacher, student, section: s, assignment: a } = await classroom();
    const typo = student.row.name;
    const renamed = await renameAccount(admin.actor, student.row.id, "Siobhán O’Brien", typo);
    expect(renamed).toMatchObject({ id: student.row.id, name: "Siobhán O’Brien", email: student.row.email });
    expect((await listRoster(teacher.actor, s.id)).map((r) => r.name)).toEqual(["Siobhán O’Brien"]);
    expect((await getAccount(admin.actor, student.row.id)).account.name).toBe("Siobhán O’Brien");
    // The Students list orders the class by the name corrected: Zed becomes Aaron and comes first.
    const zed = await user("student", { name: "Zed Zimmer" });
    await enrollment(s.id, zed.row.id);
    const listed = async () => (await listQueue(teacher.actor, s.id, a.id)).entries.map((e) => e.label);
    expect(await listed()).toEqual(["Siobhán O’Brien", "Zed Zimmer"]);
    await renameAccount(admin.actor, zed.row.id, "Aaron Zimmer", "Zed Zimmer");
    expect(await listed()).toEqual(["Aaron Zimmer", "Siobhán O’Brien"]);
    // Saved again unchanged, nothing moves; any account, the administrator's own too.
    expect((await renameAccount(admin.actor, student.row.id, "Siobhán O’Brien", "Siobhán O’Brien")).name).toBe("Siobhán O’Brien");
    expect((await renameAccount(admin.actor, admin.row.id, "Morgan Lee", admin.row.name)).name).toBe("Morgan Lee");
  });

  it("refuses a change over a name another administrator changed since the page showed it, and keeps theirs", async () => {
    const [first, second] = [await user("admin"), await user("admin")];
    const { student } = await classroom();
    const shown = student.row.name;
    await renameAccount(first.actor, student.row.id, "Ana Lima", shown);
    const stale = renameAccount(second.actor, student.row.id, "Ana Lina", shown);
    await expect(stale).rejects.toBeInstanceOf(FormError);
    await expect(stale).rejects.toMatchObject({ code: "stale" });
    expect((await getAccount(first.actor, student.row.id)).account.name).toBe("Ana Lima");
    // Allowed: from the name now shown.
    expect((await renameAccount(second.actor, student.row.id, "Ana Lina", "Ana Lima")).name).toBe("Ana Lina");
  });

  it("is not found for anyone but an administrator, and for an account that doesn't exist", async () => {
    const { teacher, student } = await classroom();
    for (const actor of [teacher.actor, student.actor]) {
      await expect(renameAccount(actor, student.row.id, "Renamed", student.row.name)).rejects.toBeInstanceOf(NotFoundError);
    }
    const admin = await user("admin");
    await expect(renameAccount(admin.actor, crypto.randomUUID(), "Renamed", "")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getAccount(admin.actor, student.row.id)).account.name).toBe(student.row.name);
  });
});

describe("the administrator's sections", () => {
  it("lists every section with its teacher, counts and state, searchable and paged", async () => {
    const admin = await user("admin");
    const { teacher, section: s } = await classroom();
    await assignment(s.id);
    const archived = await section(teacher.row.id, { archivedAt: new Date() });
    const list = await listAllSections(admin.actor, sectionFilterSchema.parse({ q: teacher.row.email }));
    expect(list.total).toBe(2);
    expect(list.rows.find((r) => r.id === s.id)).toMatchObject({ teacherName: teacher.row.name, studentCount: 1, assignmentCount: 2 });
    const onlyArchived = await listAllSections(admin.actor, sectionFilterSchema.parse({ q: teacher.row.email, state: "archived" }));
    expect(onlyArchived.rows.map((r) => r.id)).toEqual([archived.id]);
    const past = await listAllSections(admin.actor, sectionFilterSchema.parse({ q: teacher.row.email, page: "5" }));
    expect(past).toMatchObject({ page: 1, total: 2 });
    expect(past.rows).toHaveLength(2);
  });

  it("transfers a section to another active, approved teacher: the old teacher loses it at once", async () => {
    const admin = await user("admin");
    const { teacher, section: s, student } = await classroom();
    const next = await user("teacher");
    const gone = await user("teacher", { active: false });

    await expect(
      transferSection(admin.actor, s.id, student.row.email, { confirmed: true, fromTeacherId: teacher.row.id }),
    ).rejects.toBeInstanceOf(FieldError);
    await expect(transferSection(admin.actor, s.id, gone.row.email, { confirmed: true, fromTeacherId: teacher.row.id })).rejects.toThrow(
      /deactivated or not approved/,
    );
    await expect(transferSection(admin.actor, s.id, teacher.row.email, { confirmed: true, fromTeacherId: teacher.row.id })).rejects.toThrow(
      /already belongs/,
    );
    expect((await getTeacherSection(teacher.actor, s.id)).id).toBe(s.id);

    // The check before the question: the same refusals, and for a teacher their name, with nothing moved.
    await expect(
      transferSection(admin.actor, s.id, teacher.row.email, { confirmed: false, fromTeacherId: teacher.row.id }),
    ).rejects.toThrow(/already belongs/);
    expect(await transferSection(admin.actor, s.id, next.row.email, { confirmed: false, fromTeacherId: teacher.row.id })).toMatchObject({
      teacherName: next.row.name,
      moved: false,
    });
    expect((await getTeacherSection(teacher.actor, s.id)).id).toBe(s.id);

    expect(
      await transferSection(admin.actor, s.id, next.row.email.toUpperCase(), { confirmed: true, fromTeacherId: teacher.row.id }),
    ).toMatchObject({
      teacherId: next.row.id,
      moved: true,
    });
    await expect(getTeacherSection(teacher.actor, s.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getTeacherSection(next.actor, s.id)).id).toBe(s.id);

    // A page still showing the old teacher (another administrator moved it since) moves nothing.
    const third = await user("teacher");
    for (const confirmed of [false, true])
      await expect(transferSection(admin.actor, s.id, third.row.email, { confirmed, fromTeacherId: teacher.row.id })).rejects.toMatchObject(
        {
          code: "stale",
          message: expect.stringContaining("Another administrator has moved this section"),
        },
      );
    expect((await getTeacherSection(next.actor, s.id)).id).toBe(s.id);
    expect(await transferSection(admin.actor, s.id, third.row.email, { confirmed: true, fromTeacherId: next.row.id })).toMatchObject({
      teacherId: third.row.id,
      moved: true,
    });
  });
});

describe("an administrator's changes, on record in the access log", () => {
  const onRecord = async (accountId: string) =>
    (
      await (
        await getDb()
      )
        .select({ action: accessLog.action, detail: accessLog.detail, actorId: accessLog.actorId, sectionId: accessLog.sectionId })
        .from(accessLog)
        .where(eq(accessLog.studentId, accountId))
    )
      .map((row) => `${row.action}: ${row.detail} by ${row.actorId}${row.sectionId ? ` in ${row.sectionId}` : ""}`)
      .sort();

  it("logs each change to an account in its own transaction; one refused or that changes nothing logs nothing", async () => {
    const admin = await user("admin");
    const student = await user("student");
    const by = ` by ${admin.row.id}`;
    const expected: string[] = [];
    const step = async (change: () => Promise<unknown>, detail?: string) => {
      await change().catch(() => {});
      if (detail) expected.push(`account: ${detail}${by}`);
      expect(await onRecord(student.row.id), detail ?? "nothing").toEqual([...expected].sort());
    };
    await step(() => renameAccount(admin.actor, student.row.id, "Ángela Ruiz", student.row.name), "Name corrected");
    await step(() => renameAccount(admin.actor, student.row.id, "Someone Else", student.row.name)); // stale: refused
    await step(() => renameAccount(admin.actor, student.row.id, "Ángela Ruiz", "Ángela Ruiz")); // the same name
    await step(() => setAccountActive(admin.actor, student.row.id, false), "Deactivated");
    await step(() => setAccountActive(admin.actor, student.row.id, false)); // already
    await step(() => setAccountActive(admin.actor, student.row.id, true), "Reactivated");
    await step(() => setOneTimePassword(admin.actor, student.row.id, "hash"), "One-time password given");
    await step(() => changeRole(admin.actor, student.row.id, "teacher"), "Made a teacher");
    await step(() => changeRole(admin.actor, student.row.id, "student"), "Made a student");
    // Not an administrator: refused, and nothing on record.
    const teacher = await user("teacher");
    await expect(setOneTimePassword(teacher.actor, student.row.id, "takeover")).rejects.toThrow(NotFoundError);
    await step(async () => {});
    await expect(setOneTimePassword(admin.actor, admin.row.id, "mine")).rejects.toBeInstanceOf(FormError);
    expect(await onRecord(admin.row.id)).toEqual([]);

    const waiting = await user("teacher");
    await (await writer()).update(users).set({ approval: "pending" }).where(eq(users.id, waiting.row.id));
    await decideTeacherApproval(admin.actor, waiting.row.id, "approved", "pending");
    await expect(decideTeacherApproval(admin.actor, waiting.row.id, "refused", "pending")).rejects.toBeInstanceOf(FormError);
    expect(await onRecord(waiting.row.id)).toEqual([`account: Approved as a teacher${by}`]);
  });

  it("logs a section given to another teacher, about them and about the teacher who had it, once it is confirmed", async () => {
    const admin = await user("admin");
    const { teacher, section: s } = await classroom();
    const next = await user("teacher");
    await transferSection(admin.actor, s.id, next.row.email, { confirmed: false, fromTeacherId: teacher.row.id });
    expect(await onRecord(next.row.id)).toEqual([]);
    expect(await onRecord(teacher.row.id)).toEqual([]);
    await transferSection(admin.actor, s.id, next.row.email, { confirmed: true, fromTeacherId: teacher.row.id });
    expect(await onRecord(next.row.id)).toEqual([`transfer_section:  by ${admin.row.id} in ${s.id}`]);
    expect(await onRecord(teacher.row.id)).toEqual([`transfer_section: Taken from this teacher by ${admin.row.id} in ${s.id}`]);
    const said = async (about: string) =>
      (await listAccessLog(admin.actor, { ...accessLogFilterSchema.parse({}), action: "transfer_section", student: about })).rows.map(
        (row) => describeAccess(row).sentence,
      );
    expect(await said(next.row.email)).toEqual([`${admin.row.name} (admin) gave the section to ${next.row.name}`]);
    expect(await said(teacher.row.email)).toEqual([`${admin.row.name} (admin) took the section from ${teacher.row.name}`]);
  });
});

describe("the first administrator", () => {
  it("is created with a one-time password, and an email already taken is refused", async () => {
    const email = `root-${crypto.randomUUID()}@unit.test`;
    const made = await createAdministrator({ email: email.toUpperCase(), name: "Root", passwordHash: "hash" });
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, made.id));
    expect(row).toMatchObject({ email, role: "admin", mustChangePassword: true, active: true });
    await expect(createAdministrator({ email, name: "Again", passwordHash: "hash" })).rejects.toThrow(/already exists/);
  });
});

describe("everyone but an administrator", () => {
  it("is refused every administrator query as not found", async () => {
    const { teacher, student, section: s } = await classroom();
    await enrollment(s.id, (await user("student")).row.id);
    for (const actor of [teacher.actor, student.actor]) {
      await expect(listAccounts(actor, accountsFilter({}))).rejects.toBeInstanceOf(NotFoundError);
      await expect(setAccountActive(actor, student.row.id, false)).rejects.toBeInstanceOf(NotFoundError);
    }
    const admin = await user("admin");
    expect((await listAccounts(admin.actor, accountsFilter({}))).total).toBeGreaterThan(0);
  });
});
