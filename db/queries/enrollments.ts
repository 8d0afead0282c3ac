import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb, writeTransaction, type Tx } from "@/db";
import { enrollments, invitations, sections, users } from "@/db/schema";
import { bytewise } from "@/db/sql";
import { sortNameOf } from "@/lib/class-order";
import { FieldError, FormError, NotFoundError } from "@/lib/errors";
import { countFailures, lockedUntil } from "@/db/throttle";
import { joinCodeKeys } from "@/lib/sign-in-throttle";
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
  paused: "Too many codes that match no class were tried from here. Joining is paused for 15 minutes; check the code with your teacher.",
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
 * see the class name), plus the acting student's own standing in that class; null for a code no
 * class uses, counted (joinCodeKeys in lib/sign-in-throttle.ts, `address` the client's); "paused"
 * for any code while those counts are at their limit.
 */
export async function previewJoinCode(
  actor: SessionUser | null,
  code: string,
  address: string,
  now = new Date(),
): Promise<JoinPreview | null | "paused"> {
  const found = await writeTransaction(async (tx) => await lookUpCode(tx, actor, code, address, now));
  if (found === "unknown" || found === "paused") return found === "paused" ? found : null;
  const { section, own } = found;
  const enrollment = own ? (own.removedAt ? "removed" : "active") : null;
  const refusal = enrollment === "removed" ? JOIN_REFUSALS.removed : refusalFor(section);
  return { sectionName: section.name, term: section.term, teacherName: section.teacherName, refusal, enrollment };
}

/**
 * The class with this code and the acting student's enrollment in it, in the caller's write
 * transaction: the counts of wrong codes are checked first, and a code no class uses is counted
 * (the caller then returns, so the count commits, before it refuses).
 */
async function lookUpCode(tx: Tx, actor: SessionUser | null, code: string, address: string, now: Date) {
  const keys = joinCodeKeys(actor?.id ?? null, address);
  if (await lockedUntil(tx, keys, now)) return "paused" as const;
  const section = await sectionByCode(tx, code);
  if (!section) {
    for (const key of keys) await countFailures(tx, key, now);
    return "unknown" as const;
  }
  const own = actor?.role === "student" ? await enrollmentOf(tx, actor, section.id) : undefined;
  return { section, own };
}

/**
 * Enrolls the acting student. Joining a class one is already in changes nothing; joining a class
 * one was invited to answers the invitation. A code no class uses is counted as the join page counts it.
 */
export async function joinSection(
  actor: SessionUser,
  code: string,
  address: string,
  now = new Date(),
): Promise<{ sectionId: string; sectionName: string; alreadyEnrolled: boolean }> {
  const outcome = await writeTransaction(async (tx) => {
    const found = await lookUpCode(tx, actor, code, address, now);
    if (found === "unknown" || found === "paused") return found;
    const { section, own } = found;
    if (own?.removedAt) throw new FieldError("code", JOIN_REFUSALS.removed);
    if (own) return { sectionId: section.id, sectionName: section.name, alreadyEnrolled: true };
    const refusal = refusalFor(section);
    if (refusal) throw new FieldError("code", refusal);
    await tx.insert(enrollments).values(await newEnrollment(tx, section.id, actor));
    await tx.delete(invitations).where(and(eq(invitations.sectionId, section.id), ownInvitations(actor)));
    return { sectionId: section.id, sectionName: section.name, alreadyEnrolled: false };
  });
  if (outcome === "unknown" || outcome === "paused") throw new FieldError("code", JOIN_REFUSALS[outcome]);
  return outcome;
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
