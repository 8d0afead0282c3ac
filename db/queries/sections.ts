import "server-only";
import { and, asc, count, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Tx, inserted } from "@/db";
import { enrollments, sections, users } from "@/db/schema";
import { bytewise } from "@/db/sql";
import { NotFoundError } from "@/lib/errors";
import { generateJoinCode } from "@/lib/join-code";
import type { SessionUser } from "./accounts";
import { createdBy, loadTeacherSection, taughtBy, teacherSection } from "./ownership";

/** Teacher-side reads and writes. Every query is scoped to sections the acting teacher owns. */

export async function listTeacherSections(actor: SessionUser, { archived }: { archived: boolean }) {
  const db = await getDb();
  return await db
    .select({
      id: sections.id,
      name: sections.name,
      term: sections.term,
      joinCode: sections.joinCode,
      joinEnabled: sections.joinEnabled,
      archivedAt: sections.archivedAt,
      createdAt: sections.createdAt,
      studentCount: db.$count(enrollments, and(eq(enrollments.sectionId, sections.id), isNull(enrollments.removedAt))),
    })
    .from(sections)
    .where(and(taughtBy(actor), archived ? isNotNull(sections.archivedAt) : isNull(sections.archivedAt)))
    .orderBy(archived ? desc(sections.archivedAt) : desc(sections.createdAt));
}

export async function countArchivedSections(actor: SessionUser): Promise<number> {
  const row = (
    await (
      await getDb()
    )
      .select({ n: count() })
      .from(sections)
      .where(and(taughtBy(actor), isNotNull(sections.archivedAt)))
  )[0];
  return row?.n ?? 0;
}

export async function getTeacherSection(actor: SessionUser, sectionId: string) {
  return await loadTeacherSection(await getDb(), actor, sectionId);
}

/** Join codes are unique; a collision (1 in ~850 billion per pair) just draws again. */
async function freshJoinCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = generateJoinCode();
    const taken = (await tx.select({ id: sections.id }).from(sections).where(eq(sections.joinCode, code)))[0];
    if (!taken) return code;
  }
}

export async function createSection(actor: SessionUser, input: { name: string; term: string | null }) {
  return await writeTransaction(
    async (tx) =>
      await inserted(
        tx
          .insert(sections)
          .values({ teacherId: actor.id, name: input.name, term: input.term, joinCode: await freshJoinCode(tx) })
          .returning(),
      ),
  );
}

/** Applies a change to an owned section; a foreign or missing id is a 404. */
async function updateOwned(
  actor: SessionUser,
  sectionId: string,
  change: (tx: Tx) => Partial<typeof sections.$inferInsert> | Promise<Partial<typeof sections.$inferInsert>>,
) {
  return await writeTransaction(async (tx) => {
    const updated = (
      await tx
        .update(sections)
        .set(await change(tx))
        .where(teacherSection(actor, sectionId))
        .returning()
    )[0];
    if (!updated) throw new NotFoundError("section");
    return updated;
  });
}

export async function renameSection(actor: SessionUser, sectionId: string, input: { name: string; term: string | null }) {
  return await updateOwned(actor, sectionId, () => ({ name: input.name, term: input.term }));
}

export async function setSectionArchived(actor: SessionUser, sectionId: string, archived: boolean) {
  return await updateOwned(actor, sectionId, () => ({ archivedAt: archived ? new Date() : null }));
}

export async function setJoinEnabled(actor: SessionUser, sectionId: string, enabled: boolean) {
  return await updateOwned(actor, sectionId, () => ({ joinEnabled: enabled }));
}

/** A new code; the old one stops working at once. */
export async function regenerateJoinCode(actor: SessionUser, sectionId: string) {
  return await updateOwned(actor, sectionId, async (tx) => ({ joinCode: await freshJoinCode(tx) }));
}

export async function listRoster(actor: SessionUser, sectionId: string) {
  const db = await getDb();
  await loadTeacherSection(db, actor, sectionId);
  return await db
    .select({
      enrollmentId: enrollments.id,
      studentId: users.id,
      name: users.name,
      email: users.email,
      joinedAt: enrollments.joinedAt,
      removedAt: enrollments.removedAt,
      // Whether the student has signed in: a sign-in on record, as the administrator's pages say (an
      // administrator's new one-time password goes to students who signed in long before).
      hasSignedIn: sql<number>`case when ${users.lastSignInAt} is not null then 1 else 0 end`.mapWith(Boolean),
      // A lost slip can be replaced only by the teacher who created the account, before anyone signs in.
      canReplacePassword:
        sql<number>`case when ${and(createdBy(actor), eq(users.mustChangePassword, true), isNull(users.lastSignInAt))} then 1 else 0 end`.mapWith(
          Boolean,
        ),
    })
    .from(enrollments)
    .innerJoin(sections, eq(sections.id, enrollments.sectionId))
    .innerJoin(users, eq(users.id, enrollments.studentId))
    .where(and(eq(enrollments.sectionId, sectionId), taughtBy(actor)))
    // The class order (capitals and accents aside), from the enrollment's stored key.
    .orderBy(asc(bytewise(enrollments.sortName)), asc(bytewise(users.email)));
}

/** Removing only marks the enrollment; nothing the student made is deleted, so restoring is exact. */
export async function setEnrollmentRemoved(actor: SessionUser, sectionId: string, enrollmentId: string, removed: boolean) {
  return await writeTransaction(async (tx) => {
    const row = (
      await tx
        .select({ id: enrollments.id })
        .from(enrollments)
        .innerJoin(sections, eq(sections.id, enrollments.sectionId))
        .where(and(eq(enrollments.id, enrollmentId), teacherSection(actor, sectionId)))
    )[0];
    if (!row) throw new NotFoundError("enrollment");
    await tx
      .update(enrollments)
      .set({ removedAt: removed ? new Date() : null })
      .where(eq(enrollments.id, row.id));
  });
}
