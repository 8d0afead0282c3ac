import { getDatabase } from "@/db";
import { enroll, makeAssignment, makeSection, makeUser } from "@/db/factories";
import { assignments, type Role } from "@/db/schema";
import { checkImage } from "@/lib/image-checks";
import type { SessionUser } from "@/db/queries/accounts";

let n = 0;

/** A user row plus the SessionUser the app would act as. Password hashing is skipped for speed. */
export async function user(role: Role, overrides: { active?: boolean; email?: string; name?: string } = {}) {
  const k = ++n;
  const row = await makeUser((await getDatabase()).writer, {
    role,
    email: overrides.email ?? `${role}${k}@unit.test`,
    name: overrides.name ?? `${role} ${k}`,
    passwordHash: "not-a-real-hash",
    active: overrides.active,
  });
  const actor: SessionUser = { id: row.id, name: row.name, email: row.email, role: row.role };
  return { row, actor };
}

export async function section(teacherId: string, overrides: Partial<Parameters<typeof makeSection>[1]> = {}) {
  const k = ++n;
  return await makeSection((await getDatabase()).writer, { teacherId, name: `Section ${k}`, ...overrides });
}

export async function enrollment(sectionId: string, studentId: string, removedAt: Date | null = null) {
  return await enroll((await getDatabase()).writer, { sectionId, studentId, removedAt });
}

/** An assignment of the built-in lesson, due in a day unless told otherwise. */
export async function assignment(sectionId: string, overrides: Partial<typeof assignments.$inferInsert> = {}) {
  return await makeAssignment((await getDatabase()).writer, {
    sectionId,
    title: "Year in Review",
    dueAt: new Date(Date.now() + 86_400_000),
    ...overrides,
  });
}

/** A teacher, a section, an enrolled student and an assignment: the usual starting point. */
export async function classroom(overrides: Partial<typeof assignments.$inferInsert> = {}) {
  const teacher = await user("teacher");
  const s = await section(teacher.row.id);
  const student = await user("student");
  await enrollment(s.id, student.row.id);
  const a = await assignment(s.id, overrides);
  return { teacher, section: s, student, assignment: a };
}

/**
 * Who a teacher's per-student change on `room` must not reach: another teacher with a section, an
 * assignment and a student of their own, and a student removed from the room's roster; `refused`
 * lists the calls (acting user, section, assignment, student) that must all be not found.
 */
export async function strangers(room: Awaited<ReturnType<typeof classroom>>) {
  const { teacher, student, section: s, assignment: a } = room;
  const other = await user("teacher");
  const theirSection = await section(other.row.id);
  const theirAssignment = await assignment(theirSection.id);
  const theirStudent = await user("student");
  await enrollment(theirSection.id, theirStudent.row.id);
  const removed = await user("student");
  await enrollment(s.id, removed.row.id, new Date());
  const refused: [who: SessionUser, sectionId: string, assignmentId: string, studentId: string][] = [
    [other.actor, s.id, a.id, student.row.id], // another teacher, on the room's class
    [teacher.actor, theirSection.id, theirAssignment.id, theirStudent.row.id], // the room's teacher, on theirs
    [teacher.actor, s.id, a.id, theirStudent.row.id], // their student, on the room's assignment
    [teacher.actor, theirSection.id, a.id, student.row.id], // the room's assignment under their section
    [student.actor, s.id, a.id, student.row.id], // a student, acting on themselves
  ];
  return { theirStudent, theirAssignment, removed, refused };
}

export const fakeImage = (width = 1080, height = 1350) => ({
  storageKey: `${crypto.randomUUID()}.png`,
  thumbnailKey: `${crypto.randomUUID()}.webp`,
  mime: "image/png",
  width,
  height,
  bytes: 1000,
  checks: checkImage(width, height),
});
