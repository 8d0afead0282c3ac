import "server-only";
import { and, asc, count, eq, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import { getDb, inserted, writeTransaction } from "@/db";
import { enrollments, gradeEvents, invitations, scores, sections, submissions, users, assignments } from "@/db/schema";
import { FieldError, FormError, NotFoundError } from "@/lib/errors";
import { sortNameOf } from "@/lib/class-order";
import { adminPasswordResetHint, type ApprovalState, type Role } from "@/lib/roles";
import { ADMIN_PAGE_SIZE, type AccountFilter, type SectionFilter } from "@/lib/validations/admin";
import { contains, nameOrder } from "@/db/sql";
import { ACCOUNT_CHANGES, SECTION_TAKEN_AWAY } from "@/lib/access-log";
import { recordAccess } from "./access-log";
import type { SessionUser } from "./accounts";
import { loadAdmin, type Db } from "./ownership";

/**
 * The administrator's queries (issue 13): accounts, teacher approval, every section. Each one
 * starts from loadAdmin (db/queries/ownership.ts), so anyone but an active administrator is
 * answered NotFoundError, as for a page that does not exist.
 */

/**
 * One page of an administrator's list and how many match in all: the count first, so a page past the
 * end (an old link, a list that shrank) shows the last page rather than an empty one.
 */
async function onePage<T>(total: Promise<{ n: number }[]>, rows: (offset: number) => Promise<T[]>, asked: number) {
  const n = (await total)[0]?.n ?? 0;
  const page = Math.min(asked, Math.max(1, Math.ceil(n / ADMIN_PAGE_SIZE)));
  return { rows: await rows((page - 1) * ADMIN_PAGE_SIZE), total: n, page, pageSize: ADMIN_PAGE_SIZE };
}

// ——— the dashboard ———

export async function getAdminOverview(actor: SessionUser) {
  const db = await getDb();
  await loadAdmin(db, actor);
  const [row] = await db
    .select({
      pendingApprovals: db.$count(users, and(eq(users.role, "teacher"), eq(users.approval, "pending"), eq(users.active, true))),
      // As the lists the tiles link to count them (a teacher waiting for approval is not active yet).
      activeAccounts: db.$count(users, accountConditions({ q: undefined, state: "active" })),
      deactivatedAccounts: db.$count(users, accountConditions({ q: undefined, state: "deactivated" })),
      activeSections: db.$count(sections, isNull(sections.archivedAt)),
      archivedSections: db.$count(sections, isNotNull(sections.archivedAt)),
    })
    .from(users)
    .where(eq(users.id, actor.id));
  return row!;
}

// ——— accounts ———

const accountColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  approval: users.approval,
  mustChangePassword: users.mustChangePassword,
  deactivatedAt: users.deactivatedAt,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
};

function accountConditions({ q, role, state }: Pick<AccountFilter, "q" | "role" | "state">) {
  const conditions: (SQL | undefined)[] = [];
  if (q) conditions.push(contains(q, users.name, users.email));
  if (role) conditions.push(eq(users.role, role));
  if (state === "active") conditions.push(and(eq(users.active, true), eq(users.approval, "approved")));
  if (state === "deactivated") conditions.push(eq(users.active, false));
  if (state === "pending" || state === "refused") conditions.push(and(eq(users.active, true), eq(users.approval, state)));
  return and(...conditions);
}

/** One page of accounts matching the search and filters, and how many match in all. */
export async function listAccounts(actor: SessionUser, filter: AccountFilter) {
  const db = await getDb();
  await loadAdmin(db, actor);
  const where = accountConditions(filter);
  return await onePage(
    db.select({ n: count() }).from(users).where(where),
    (offset) =>
      db
        .select(accountColumns)
        .from(users)
        .where(where)
        .orderBy(asc(nameOrder(users.name)), asc(users.id))
        .limit(ADMIN_PAGE_SIZE)
        .offset(offset),
    filter.page,
  );
}

/** An administrator's change to an account, in the access log, in the change's own transaction. */
async function logAccountChange(tx: Db, actor: SessionUser, userId: string, detail: string) {
  await recordAccess(tx, actor, { action: "account", studentId: userId, detail });
}

async function loadAccount(db: Db, userId: string) {
  const row = (await db.select(accountColumns).from(users).where(eq(users.id, userId)))[0];
  if (!row) throw new NotFoundError("account");
  return row;
}

/**
 * What keeps an account from changing role, in words for the administrator (empty: the change is
 * safe). A student's work and memberships would be left under a teacher; a teacher's sections and
 * grading would be left under a student. Administrators are never changed here.
 */
async function roleChangeBlockers(db: Db, account: { id: string; role: Role }, to: "student" | "teacher"): Promise<string[]> {
  if (account.role === "admin") return ["Administrators are not changed here."];
  if (account.role === to) return [`This account is already a ${to}.`];
  const [row] = await db
    .select({
      enrollments: db.$count(enrollments, eq(enrollments.studentId, account.id)),
      invitations: db.$count(invitations, eq(invitations.studentId, account.id)),
      work: db.$count(submissions, eq(submissions.studentId, account.id)),
      sections: db.$count(sections, eq(sections.teacherId, account.id)),
      scores: db.$count(scores, eq(scores.updatedBy, account.id)),
      gradeEvents: db.$count(gradeEvents, eq(gradeEvents.actorId, account.id)),
    })
    .from(users)
    .where(eq(users.id, account.id));
  const n = row!;
  const plural = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const blockers: string[] = [];
  if (to === "teacher") {
    if (n.enrollments > 0) blockers.push(`is a member of ${plural(n.enrollments, "section", "sections")} (current or past)`);
    if (n.invitations > 0) blockers.push(`has ${plural(n.invitations, "invitation", "invitations")} to a section`);
    if (n.work > 0) blockers.push(`has work in ${plural(n.work, "assignment", "assignments")}`);
    return blockers.length ? [`This student ${blockers.join(", ")}: a teacher account can't keep them.`] : [];
  }
  if (n.sections > 0) blockers.push(`owns ${plural(n.sections, "section", "sections")} (transfer them first)`);
  if (n.scores + n.gradeEvents > 0) blockers.push("has graded student work");
  return blockers.length ? [`This teacher ${blockers.join(" and ")}: a student account can't keep that.`] : [];
}

/** One account with everything its page shows: state, sections taught or joined, what blocks a role change. */
export async function getAccount(actor: SessionUser, userId: string) {
  const db = await getDb();
  await loadAdmin(db, actor);
  const account = await loadAccount(db, userId);
  const sectionColumns = {
    id: sections.id,
    name: sections.name,
    term: sections.term,
    archivedAt: sections.archivedAt,
  };
  const [taught, enrolled, toTeacher, toStudent] = await Promise.all([
    db
      .select({
        ...sectionColumns,
        studentCount: db.$count(enrollments, and(eq(enrollments.sectionId, sections.id), isNull(enrollments.removedAt))),
      })
      .from(sections)
      .where(eq(sections.teacherId, userId))
      .orderBy(asc(sections.name)),
    db
      .select({ ...sectionColumns, teacherName: users.name, removedAt: enrollments.removedAt, joinedAt: enrollments.joinedAt })
      .from(enrollments)
      .innerJoin(sections, eq(sections.id, enrollments.sectionId))
      .innerJoin(users, eq(users.id, sections.teacherId))
      .where(eq(enrollments.studentId, userId))
      .orderBy(asc(sections.name)),
    roleChangeBlockers(db, account, "teacher"),
    roleChangeBlockers(db, account, "student"),
  ]);
  return { account, taught, enrolled, roleChange: { teacher: toTeacher, student: toStudent }, self: account.id === actor.id };
}

/**
 * Deactivates or reactivates an account. Deactivating ends its sessions at once (the session
 * version moves on, and findSessionUser refuses an inactive account anyway); an administrator can't
 * deactivate themselves, nor the last active administrator.
 */
export async function setAccountActive(actor: SessionUser, userId: string, active: boolean) {
  return await writeTransaction(async (tx) => {
    await loadAdmin(tx, actor);
    const account = await loadAccount(tx, userId);
    if (!active && account.role === "admin" && account.active) {
      const others = await tx.$count(users, and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)));
      if (others === 0) throw new FormError("This is the last active administrator: make another administrator before deactivating it.");
    }
    if (!active && account.id === actor.id) throw new FormError("You can't deactivate your own account.");
    if (account.active === active) return account;
    await tx
      .update(users)
      .set(
        active
          ? { active: true, deactivatedAt: null }
          : { active: false, deactivatedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` },
      )
      .where(eq(users.id, userId));
    await logAccountChange(tx, actor, userId, active ? ACCOUNT_CHANGES.reactivated : ACCOUNT_CHANGES.deactivated);
    return await loadAccount(tx, userId);
  });
}

/**
 * Corrects an account's name (a typo at sign-up, or in the roster a teacher imported): every page,
 * list and export shows the new one from the next request, and a class lists the student by it. `from` is the name the administrator's
 * page showed: if another administrator has changed it since, nothing is written.
 */
export async function renameAccount(actor: SessionUser, userId: string, name: string, from: string) {
  return await writeTransaction(async (tx) => {
    await loadAdmin(tx, actor);
    const account = await loadAccount(tx, userId);
    if (account.name !== from) {
      throw new FormError("Another administrator has changed this name since the page was loaded: reload to see it.", "stale");
    }
    if (account.name === name) return account;
    await tx.update(users).set({ name }).where(eq(users.id, userId));
    // A class lists its students by the name they have: each enrollment keeps it for sorting.
    await tx
      .update(enrollments)
      .set({ sortName: sortNameOf(name) })
      .where(eq(enrollments.studentId, userId));
    await logAccountChange(tx, actor, userId, ACCOUNT_CHANGES.renamed);
    return await loadAccount(tx, userId);
  });
}

/**
 * Gives an account a new one-time password (hashed by the caller, before the transaction): its
 * sessions end, and the next sign-in must choose a password of its own. Not for one's own account,
 * which changes its password on the account page; nor another administrator's, or one administrator
 * could sign in as another (they are reset on the server: resetAdministratorPassword).
 */
export async function setOneTimePassword(actor: SessionUser, userId: string, passwordHash: string) {
  await writeTransaction(async (tx) => {
    await loadAdmin(tx, actor);
    const account = await loadAccount(tx, userId);
    if (account.id === actor.id) throw new FormError("Change your own password on your account page.");
    if (account.role === "admin") throw new FormError(adminPasswordResetHint(account.email));
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    // Whoever holds it can sign in as the account and read everything it can: on record.
    await logAccountChange(tx, actor, userId, ACCOUNT_CHANGES.oneTimePassword);
  });
}

/** Makes a student a teacher or the reverse, only when nothing blocks it (roleChangeBlockers says what does). */
export async function changeRole(actor: SessionUser, userId: string, role: "student" | "teacher") {
  return await writeTransaction(async (tx) => {
    await loadAdmin(tx, actor);
    const account = await loadAccount(tx, userId);
    const blockers = await roleChangeBlockers(tx, account, role);
    if (blockers.length) throw new FormError(blockers.join(" "), "locked");
    await tx
      .update(users)
      // Chosen by an administrator, so approved; a new role means new sessions.
      .set({ role, approval: "approved", sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await logAccountChange(tx, actor, userId, role === "teacher" ? ACCOUNT_CHANGES.madeTeacher : ACCOUNT_CHANGES.madeStudent);
    return await loadAccount(tx, userId);
  });
}

/**
 * Approves or refuses a teacher who signed up under TEACHER_SIGNUP=approval; takes effect on their
 * next request. `from` is the state the administrator's page showed: if another administrator has
 * decided since (refused a moment before this one approves), nothing changes and the page shows it.
 */
export async function decideTeacherApproval(
  actor: SessionUser,
  userId: string,
  decision: Exclude<ApprovalState, "pending">,
  from: Exclude<ApprovalState, "approved">,
) {
  return await writeTransaction(async (tx) => {
    await loadAdmin(tx, actor);
    const account = await loadAccount(tx, userId);
    if (account.role !== "teacher") throw new FormError("Only teacher accounts wait for approval.");
    if (account.approval === decision) return account;
    if (account.approval !== from)
      throw new FormError(
        `Another administrator has ${account.approval === "refused" ? "refused" : "decided on"} this account since the page was loaded: it now shows what they did. Decide again if you still mean to.`,
        "stale",
      );
    // A teacher already at work is stopped by deactivating, not by a refusal.
    if (decision === "refused" && account.approval !== "pending")
      throw new FormError("Only a teacher still waiting can be refused.", "stale");
    await tx.update(users).set({ approval: decision }).where(eq(users.id, userId));
    await logAccountChange(tx, actor, userId, decision === "approved" ? ACCOUNT_CHANGES.approved : ACCOUNT_CHANGES.refused);
    return await loadAccount(tx, userId);
  });
}

// ——— sections ———

/** One page of every section in the school, with its teacher, counts and state. */
export async function listAllSections(actor: SessionUser, filter: SectionFilter) {
  const db = await getDb();
  await loadAdmin(db, actor);
  const conditions: (SQL | undefined)[] = [];
  if (filter.q) conditions.push(contains(filter.q, sections.name, users.name, users.email));
  if (filter.state === "active") conditions.push(isNull(sections.archivedAt));
  if (filter.state === "archived") conditions.push(isNotNull(sections.archivedAt));
  const where = and(...conditions);
  return await onePage(
    db.select({ n: count() }).from(sections).innerJoin(users, eq(users.id, sections.teacherId)).where(where),
    (offset) =>
      db
        .select({
          id: sections.id,
          name: sections.name,
          term: sections.term,
          archivedAt: sections.archivedAt,
          createdAt: sections.createdAt,
          teacherId: users.id,
          teacherName: users.name,
          teacherEmail: users.email,
          teacherActive: users.active,
          studentCount: db.$count(enrollments, and(eq(enrollments.sectionId, sections.id), isNull(enrollments.removedAt))),
          assignmentCount: db.$count(assignments, eq(assignments.sectionId, sections.id)),
        })
        .from(sections)
        .innerJoin(users, eq(users.id, sections.teacherId))
        .where(where)
        .orderBy(asc(sql`lower(${sections.name})`), asc(sections.id))
        .limit(ADMIN_PAGE_SIZE)
        .offset(offset),
    filter.page,
  );
}

/**
 * Hands a section (its roster, assignments, work and grades) to another teacher, found by email:
 * an active, approved teacher account. One statement in one transaction; every query scopes by
 * the section's teacher, so the old teacher loses access with the commit. Not `confirmed`: the same
 * checks, and who would get it, with nothing moved (the question the administrator answers first).
 * `fromTeacherId` is the teacher the administrator's page showed.
 */
export async function transferSection(
  actor: SessionUser,
  sectionId: string,
  teacherEmail: string,
  { confirmed, fromTeacherId }: { confirmed: boolean; fromTeacherId: string },
) {
  return await writeTransaction(async (tx) => {
    await loadAdmin(tx, actor);
    const section = (await tx.select().from(sections).where(eq(sections.id, sectionId)))[0];
    if (!section) throw new NotFoundError("section");
    // The page showed the section with this teacher: moved by another administrator since, the
    // question "Marta loses access" would be about someone who no longer has it.
    if (section.teacherId !== fromTeacherId)
      throw new FormError("Another administrator has moved this section since the page was loaded: reload to see who has it now.", "stale");
    const target = (
      await tx
        .select({ id: users.id, name: users.name, role: users.role, active: users.active, approval: users.approval })
        .from(users)
        .where(eq(users.email, teacherEmail.toLowerCase()))
    )[0];
    if (!target || target.role !== "teacher") throw new FieldError("teacherEmail", "No teacher account has this email.");
    if (!target.active || target.approval !== "approved")
      throw new FieldError("teacherEmail", "That teacher account is deactivated or not approved.");
    if (target.id === section.teacherId) throw new FieldError("teacherEmail", "This section already belongs to that teacher.");
    // Not confirmed yet: the checks above, so that the question names who would get it, and nothing moves.
    if (confirmed) {
      await tx.update(sections).set({ teacherId: target.id }).where(eq(sections.id, sectionId));
      // Every student's work in it goes with it: on record, about the teacher who now has it and the
      // one who had it (each finds it under their name: "who took my class?").
      await recordAccess(tx, actor, { action: "transfer_section", sectionId, studentId: target.id });
      await recordAccess(tx, actor, { action: "transfer_section", sectionId, studentId: section.teacherId, detail: SECTION_TAKEN_AWAY });
    }
    return { sectionId, teacherId: target.id, teacherName: target.name, moved: confirmed };
  });
}

// ——— the first administrator ———

/**
 * `npm run admin -- reset`: an administrator's password replaced by a one-time password (hashed by
 * the caller), their sessions ended. No acting user, as createAdministrator; only administrators,
 * whose passwords the app's pages can't reset.
 */
export async function resetAdministratorPassword(input: { email: string; passwordHash: string }) {
  return await writeTransaction(async (tx) => {
    const [admin] = await tx
      .update(users)
      .set({ passwordHash: input.passwordHash, mustChangePassword: true, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.email, input.email.toLowerCase()), eq(users.role, "admin")))
      .returning({ id: users.id, email: users.email, name: users.name, active: users.active });
    if (!admin) throw new FieldError("email", `No administrator account has the email ${input.email.toLowerCase()}.`);
    return admin;
  });
}

/**
 * `npm run admin -- create`: an administrator account with a one-time password (hashed by the
 * caller). There is no acting user: whoever can run commands on the server is trusted already.
 */
export async function createAdministrator(input: { email: string; name: string; passwordHash: string }) {
  return await writeTransaction(async (tx) => {
    const email = input.email.toLowerCase();
    const taken = (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)))[0];
    if (taken) throw new FieldError("email", `An account with the email ${email} already exists.`);
    return await inserted(
      tx
        .insert(users)
        .values({ email, name: input.name, passwordHash: input.passwordHash, role: "admin", mustChangePassword: true })
        .returning({ id: users.id, email: users.email, name: users.name }),
    );
  });
}
