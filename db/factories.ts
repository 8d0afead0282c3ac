import type { DB, Tx } from "./index";
import { enrollments, sections, users, type Role } from "./schema";
import { hashPassword } from "../lib/password";
import { generateJoinCode } from "../lib/join-code";

/**
 * Plain inserts used by the demo seed and by tests to build their own data. They skip the
 * acting-user checks of db/queries on purpose: there is no acting user when seeding.
 */

type Writer = DB | Tx;

type UserInput = { role: Role; email: string; name: string; active?: boolean };

/** Synchronous, so that it can run inside a write transaction: hash the password first. */
export function makeUser(db: Writer, input: UserInput & { passwordHash: string }) {
  return db
    .insert(users)
    .values({ ...input, email: input.email.toLowerCase(), active: input.active ?? true })
    .returning()
    .get();
}

export async function makeUserWithPassword(db: Writer, input: UserInput & { password: string }) {
  const { password, ...rest } = input;
  return makeUser(db, { ...rest, passwordHash: await hashPassword(password) });
}

export function makeSection(
  db: Writer,
  input: { teacherId: string; name: string; term?: string | null; joinCode?: string; joinEnabled?: boolean; archivedAt?: Date | null },
) {
  return db
    .insert(sections)
    .values({
      teacherId: input.teacherId,
      name: input.name,
      term: input.term ?? null,
      joinCode: input.joinCode ?? generateJoinCode(),
      joinEnabled: input.joinEnabled ?? true,
      archivedAt: input.archivedAt ?? null,
    })
    .returning()
    .get();
}

export function enroll(db: Writer, input: { sectionId: string; studentId: string; joinedAt?: Date; removedAt?: Date | null }) {
  return db
    .insert(enrollments)
    .values({ sectionId: input.sectionId, studentId: input.studentId, joinedAt: input.joinedAt ?? new Date(), removedAt: input.removedAt ?? null })
    .returning()
    .get();
}
