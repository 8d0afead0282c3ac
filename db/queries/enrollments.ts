import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { enrollments, invitations, sections, users } from "@/db/schema";
import { bytewise } from "@/db/sql";
import { sortNameOf } from "@/lib/class-order";
import { FieldError, FormError, NotFoundError } from "@/lib/errors";
import type { SessionUser } from "./accounts";
import { ownEnrollments, ownInvitations, type Db } from "./ownership";

/** Student-side reads and writes, scoped to the acting student's own enrollments. */

export type JoinPreview = {
  sectionName: string;
  term: string | null;
  teacherName: string;
  /** Why joining would be refused right now, if it would. */
  refusal: string | null;
  /** The acting student's own enrollment in this section, if any. */
  enrollment: "active" | "removed" | null;
};

export const JOIN_REFUSALS = {
  unknown: "No class uses this code. Check it with your teacher — codes can change.",
  disabled: "Joining this class is turned off. Ask your teacher to turn it back on.",
  archived: "This class has been archived and no longer takes new students.",
  removed: "Your teacher removed you from this class. Ask them to restore you.",
} as const;

async function sectionByCode(db: Db, code: string) {
  return (
    await db
      .select({
        id: sections.id,
        name: sections.name,
        term: sections.term,
        joinEnabled: sections.joinEnabled,
        archivedAt: sections.archivedAt,
        teacherName: users.name,
      })
      .from(sections)
      .innerJoin(users, eq(users.id, sections.teacherId))
      .where(eq(sections.joinCode, code))
  )[0];
}

function refusalFor(section: { archivedAt: Date | null; joinEnabled: boolean }): string | null {
  if (section.archivedAt) return JOIN_REFUSALS.archived;
  if (!section.joinEnabled) return JOIN_REFUSALS.disabled;
  return null;
}

/** The acting student's new enrollment row, with their name (as stored, not as the session has it) for ordering. */
async function newEnrollment(db: Db, sectionId: string, actor: SessionUser) {
  const name = (await db.select({ name: users.name }).from(users).where(eq(users.id, actor.id)))[0]?.name ?? actor.name;
  return { sectionId, studentId: actor.id, sortName: sortNameOf(name) };
}

async function enrollmentOf(db: Db, actor: SessionUser, sectionId: string) {
  return (
    await db
      .select({ id: enrollments.id, removedAt: enrollments.removedAt })
      .from(enrollments)
      .where(and(eq(enrollments.sectionId, sectionId), ownEnrollments(actor)))
  )[0];
}

/**
 * What the join page shows for a code (anyone may ask: knowing the code is what entitles one to
 * see the class name), plus the acting student's own standing in that class.
 */
export async function previewJoinCode(actor: SessionUser | null, code: string): Promise<JoinPreview | null> {
  const db = await getDb();
  const section = await sectionByCode(db, code);
  if (!section) return null;
  const own = actor?.role === "student" ? await enrollmentOf(db, actor, section.id) : undefined;
  const enrollment = own ? (own.removedAt ? "removed" : "active") : null;
  const refusal = enrollment === "removed" ? JOIN_REFUSALS.removed : refusalFor(section);
  return { sectionName: section.name, term: section.term, teacherName: section.teacherName, refusal, enrollment };
}

/**
 * Enrolls the acting student. Joining a class one is already in changes nothing; joining a class
 * one was invited to answers the invitation.
 */
export async function joinSection(
  actor: SessionUser,
  code: string,
): Promise<{ sectionId: string; sectionName: string; alreadyEnrolled: boolean }> {
  return await writeTransaction(async (tx) => {
    const section = await sectionByCode(tx, code);
    if (!section) throw new FieldError("code", JOIN_REFUSALS.unknown);
    const existing = await enrollmentOf(tx, actor, section.id);
    if (existing?.removedAt) throw new FieldError("code", JOIN_REFUSALS.removed);
    if (existing) return { sectionId: section.id, sectionName: section.name, alreadyEnrolled: true };
    const refusal = refusalFor(section);
    if (refusal) throw new FieldError("code", refusal);
    await tx.insert(enrollments).values(await newEnrollment(tx, section.id, actor));
    await tx.delete(invitations).where(and(eq(invitations.sectionId, section.id), ownInvitations(actor)));
    return { sectionId: section.id, sectionName: section.name, alreadyEnrolled: false };
  });
}

/** Invitations waiting for the acting student's answer (declined ones are not shown again). */
export async function listOwnInvitations(actor: SessionUser) {
  return await (
    await getDb()
  )
    .select({
      invitationId: invitations.id,
      sectionName: sections.name,
      term: sections.term,
      teacherName: users.name,
      invitedAt: invitations.createdAt,
    })
    .from(invitations)
    .innerJoin(sections, eq(sections.id, invitations.sectionId))
    .innerJoin(users, eq(users.id, sections.teacherId))
    .where(and(ownInvitations(actor), isNull(invitations.declinedAt), isNull(sections.archivedAt)))
    .orderBy(asc(invitations.createdAt));
}

export const INVITATION_REFUSALS = {
  archived: "This class has been archived, so it can't take new students.",
} as const;

/**
 * The acting student accepts (joins the class) or declines an invitation of their own. Only the
 * invited student can answer: anyone else's invitation id is "not found".
 */
export async function answerInvitation(
  actor: SessionUser,
  invitationId: string,
  accept: boolean,
): Promise<{ sectionId: string; sectionName: string }> {
  return await writeTransaction(async (tx) => {
    const row = (
      await tx
        .select({ id: invitations.id, sectionId: sections.id, sectionName: sections.name, archivedAt: sections.archivedAt })
        .from(invitations)
        .innerJoin(sections, eq(sections.id, invitations.sectionId))
        .where(and(eq(invitations.id, invitationId), ownInvitations(actor), isNull(invitations.declinedAt)))
    )[0];
    if (!row) throw new NotFoundError("invitation");
    if (!accept) {
      await tx.update(invitations).set({ declinedAt: new Date() }).where(eq(invitations.id, row.id));
      return { sectionId: row.sectionId, sectionName: row.sectionName };
    }
    if (row.archivedAt) throw new FormError(INVITATION_REFUSALS.archived, "archived");
    await tx
      .insert(enrollments)
      .values(await newEnrollment(tx, row.sectionId, actor))
      .onConflictDoNothing();
    await tx.delete(invitations).where(eq(invitations.id, row.id));
    return { sectionId: row.sectionId, sectionName: row.sectionName };
  });
}

export async function listStudentClasses(actor: SessionUser) {
  return await (
    await getDb()
  )
    .select({
      sectionId: sections.id,
      name: sections.name,
      term: sections.term,
      teacherName: users.name,
      joinedAt: enrollments.joinedAt,
      archivedAt: sections.archivedAt,
    })
    .from(enrollments)
    .innerJoin(sections, eq(sections.id, enrollments.sectionId))
    .innerJoin(users, eq(users.id, sections.teacherId))
    .where(and(ownEnrollments(actor), isNull(enrollments.removedAt)))
    .orderBy(asc(bytewise(sections.name)));
}
