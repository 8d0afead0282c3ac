import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { verifyPassword } from "@/lib/password";
import { user } from "@/lib/test/factories";
import { main } from "./admin";

/** `npm run admin -- create` makes an administrator; `-- reset` gives one who lost their password a one-time password. */

function capture() {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
  return lines;
}

const printedPassword = (lines: string[]) =>
  lines.find((line) => line.startsWith("One-time password: "))!.slice("One-time password: ".length);
const account = async (email: string) => (await (await getDb()).select().from(users).where(eq(users.email, email)))[0]!;

afterEach(() => vi.restoreAllMocks());

describe("npm run admin", () => {
  it("creates an administrator, then resets that administrator's password: the old one stops working and sessions end", async () => {
    const email = `root-${crypto.randomUUID()}@unit.test`;
    let lines = capture();
    expect(await main(["create", "--email", email, "--name", "Root Admin"])).toBe(0);
    const first = printedPassword(lines);
    const made = await account(email);
    expect(made).toMatchObject({ role: "admin", mustChangePassword: true });
    expect(await verifyPassword(made.passwordHash, first)).toBe(true);

    vi.restoreAllMocks();
    lines = capture();
    expect(await main(["reset", "--email", email.toUpperCase()])).toBe(0);
    expect(lines.join("\n")).toContain(`Password reset: Root Admin <${email}> is signed out everywhere.`);
    const second = printedPassword(lines);
    const reset = await account(email);
    expect(await verifyPassword(reset.passwordHash, second)).toBe(true);
    expect(await verifyPassword(reset.passwordHash, first)).toBe(false);
    expect(reset).toMatchObject({ mustChangePassword: true, sessionVersion: made.sessionVersion + 1 });
  });

  it("resets only an administrator's password: a teacher's email is refused and the account left as it was", async () => {
    const teacher = await user("teacher");
    const before = await account(teacher.row.email);
    const lines = capture();
    expect(await main(["reset", "--email", teacher.row.email])).toBe(1);
    expect(lines.join("\n")).toContain(`Not reset: No administrator account has the email ${teacher.row.email}.`);
    expect(lines.some((line) => line.startsWith("One-time password"))).toBe(false);
    expect(await account(teacher.row.email)).toEqual(before);
  });

  it("says how it is used when the command or the email is missing", async () => {
    const lines = capture();
    expect(await main(["delete", "--email", "x@unit.test"])).toBe(2);
    expect(await main(["reset"])).toBe(1);
    expect(lines.join("\n")).toContain("npm run admin -- reset --email admin@school.org");
    expect(lines.join("\n")).toMatch(/--email: /);
  });
});
