import { test as base, expect, type Page } from "@playwright/test";
import { openDatabase, type DB } from "../../db";
import { enroll, makeSection, makeUser } from "../../db/factories";
import { hashPassword } from "../../lib/password";

/**
 * Tests build their own data through the same factories as the demo seed, straight into the
 * test server's database (WAL lets both processes use it), with unique e-mails per test.
 */

export const PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;

let counter = 0;
export function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@e2e.test`;
}

function factories(db: DB) {
  const user = async (role: "teacher" | "student", name?: string) => {
    passwordHash ??= hashPassword(PASSWORD);
    const email = uniqueEmail(role);
    return makeUser(db, { role, email, name: name ?? `${role === "teacher" ? "Teacher" : "Student"} ${counter}`, passwordHash: await passwordHash });
  };
  return {
    teacher: (name?: string) => user("teacher", name),
    student: (name?: string) => user("student", name),
    section: (teacherId: string, overrides: Partial<Parameters<typeof makeSection>[1]> = {}) =>
      makeSection(db, { teacherId, name: `Section ${++counter}`, ...overrides }),
    enroll: (sectionId: string, studentId: string) => enroll(db, { sectionId, studentId }),
  };
}

type Fixtures = { make: ReturnType<typeof factories> };
type WorkerFixtures = { db: DB };

export const test = base.extend<Fixtures, WorkerFixtures>({
  db: [
    async ({}, use) => {
      const { sqlite, db } = openDatabase(process.env.DATABASE_PATH);
      await use(db);
      sqlite.close();
    },
    { scope: "worker" },
  ],
  make: async ({ db }, use) => {
    await use(factories(db));
  },
});

export { expect };

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}
