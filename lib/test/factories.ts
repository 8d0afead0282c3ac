import { getDb } from "@/db";
import { enroll, makeAssignment, makeSection, makeUser } from "@/db/factories";
import { assignments, type Role } from "@/db/schema";
import { checkImage } from "@/lib/image-checks";
import type { SessionUser } from "@/db/queries/accounts";

let n = 0;

/** A user row plus the SessionUser the app would act as. Password hashing is skipped for speed. */
export function user(role: Role, overrides: { active?: boolean; email?: string } = {}) {
  n += 1;
  const row = makeUser(getDb(), {
    role,
    email: overrides.email ?? `${role}${n}@unit.test`,
    name: `${role} ${n}`,
    passwordHash: "not-a-real-hash",
    active: overrides.active,
  });
  const actor: SessionUser = { id: row.id, name: row.name, email: row.email, role: row.role };
  return { row, actor };
}

export function section(teacherId: string, overrides: Partial<Parameters<typeof makeSection>[1]> = {}) {
  n += 1;
  return makeSection(getDb(), { teacherId, name: `Section ${n}`, ...overrides });
}

export function enrollment(sectionId: string, studentId: string, removedAt: Date | null = null) {
  return enroll(getDb(), { sectionId, studentId, removedAt });
}

/** An assignment of the built-in lesson, due in a day unless told otherwise. */
export function assignment(sectionId: string, overrides: Partial<typeof assignments.$inferInsert> = {}) {
  return makeAssignment(getDb(), { sectionId, title: "Year in Review", dueAt: new Date(Date.now() + 86_400_000), ...overrides });
}

/** A teacher, a section, an enrolled student and an assignment: the usual starting point. */
export function classroom(overrides: Partial<typeof assignments.$inferInsert> = {}) {
  const teacher = user("teacher");
  const s = section(teacher.row.id);
  const student = user("student");
  enrollment(s.id, student.row.id);
  const a = assignment(s.id, overrides);
  return { teacher, section: s, student, assignment: a };
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
