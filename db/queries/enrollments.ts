import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { enrollments, sections, users } from "@/db/schema";
import { FieldError } from "@/lib/errors";
import type { SessionUser } from "./accounts";

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

function sectionByCode(code: string) {
  return getDb()
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
    .get();
}

function refusalFor(section: NonNullable<ReturnType<typeof sectionByCode>>): string | null {
  if (section.archivedAt) return JOIN_REFUSALS.archived;
  if (!section.joinEnabled) return JOIN_REFUSALS.disabled;
  return null;
}

function enrollmentOf(actor: SessionUser, sectionId: string) {
  return getDb()
    .select({ id: enrollments.id, removedAt: enrollments.removedAt })
    .from(enrollments)
    .where(and(eq(enrollments.sectionId, sectionId), eq(enrollments.studentId, actor.id)))
    .get();
}

/**
 * What the join page shows for a code (anyone may ask: knowing the code is what entitles one to
 * see the class name), plus the acting student's own standing in that class.
 */
export function previewJoinCode(actor: SessionUser | null, code: string): JoinPreview | null {
  const section = sectionByCode(code);
  if (!section) return null;
  const own = actor?.role === "student" ? enrollmentOf(actor, section.id) : undefined;
  const enrollment = own ? (own.removedAt ? "removed" : "active") : null;
  const refusal = enrollment === "removed" ? JOIN_REFUSALS.removed : refusalFor(section);
  return { sectionName: section.name, term: section.term, teacherName: section.teacherName, refusal, enrollment };
}

/** Enrolls the acting student. Joining a class one is already in changes nothing. */
export function joinSection(actor: SessionUser, code: string): { sectionId: string; sectionName: string; alreadyEnrolled: boolean } {
  return writeTransaction((tx) => {
    const section = sectionByCode(code);
    if (!section) throw new FieldError("code", JOIN_REFUSALS.unknown);
    const existing = enrollmentOf(actor, section.id);
    if (existing?.removedAt) throw new FieldError("code", JOIN_REFUSALS.removed);
    if (existing) return { sectionId: section.id, sectionName: section.name, alreadyEnrolled: true };
    const refusal = refusalFor(section);
    if (refusal) throw new FieldError("code", refusal);
    tx.insert(enrollments).values({ sectionId: section.id, studentId: actor.id }).run();
    return { sectionId: section.id, sectionName: section.name, alreadyEnrolled: false };
  });
}

export function listStudentClasses(actor: SessionUser) {
  return getDb()
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
    .where(and(eq(enrollments.studentId, actor.id), isNull(enrollments.removedAt)))
    .orderBy(asc(sections.name))
    .all();
}

