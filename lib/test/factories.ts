import { getDb } from "@/db";
import { enroll, makeSection, makeUser } from "@/db/factories";
import type { Role } from "@/db/schema";
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
