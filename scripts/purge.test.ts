import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { saveDraft } from "@/db/queries/work";
import { sections, submissions, users } from "@/db/schema";
import { classroom, user } from "@/lib/test/factories";
import { main } from "./purge";

/** `npm run purge`: a dry run by default, --apply to act, RETENTION_DAYS from the environment. */

const DAY = 86_400_000;

async function archivedClass(daysAgo: number) {
  const room = await classroom();
  await saveDraft(room.student.actor, room.assignment.id, 0, SAMPLE_DRAFTS.started);
  const db = (await getDatabase()).writer;
  await db
    .update(sections)
    .set({ archivedAt: new Date(Date.now() - daysAgo * DAY) })
    .where(eq(sections.id, room.section.id));
  return room;
}

async function workOf(sectionRoom: Awaited<ReturnType<typeof classroom>>) {
  const db = (await getDatabase()).db;
  return await db.select().from(submissions).where(eq(submissions.assignmentId, sectionRoom.assignment.id));
}

function capture() {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.RETENTION_DAYS;
});

describe("npm run purge", () => {
  it("prints what it would remove and removes nothing without --apply; removes it with --apply", async () => {
    const old = await archivedClass(400);
    const recent = await archivedClass(30);
    let lines = capture();
    expect(await main([])).toBe(0);
    expect(lines.join("\n")).toMatch(/Dry run \(RETENTION_DAYS=365\); nothing was changed/);
    expect(lines.join("\n")).toContain("1 submission(s)");
    expect(await workOf(old)).toHaveLength(1);

    vi.restoreAllMocks();
    lines = capture();
    expect(await main(["--apply"])).toBe(0);
    expect(lines.join("\n")).toContain("1 submission(s)");
    expect(await workOf(old)).toHaveLength(0);
    expect(await workOf(recent)).toHaveLength(1);
  });

  it("lists a deactivated student on a roster as skipped until their teachers are warned, and erases one on no roster", async () => {
    const room = await classroom();
    const { row: loner } = await user("student");
    const db = (await getDatabase()).writer;
    for (const id of [room.student.row.id, loner.id]) {
      await db
        .update(users)
        .set({ deactivatedAt: new Date(Date.now() - 400 * DAY) })
        .where(eq(users.id, id));
    }
    const lines = capture();
    expect(await main(["--apply"])).toBe(0);
    expect(lines.join("\n")).toContain(
      `skipped account ${room.student.row.email} (${room.student.row.id}): it is on a teacher's roster: its teachers are warned`,
    );
    expect(lines.join("\n")).not.toContain(loner.email);
    // main closed the connection: open it again to look.
    const left = async (id: string) => (await (await getDatabase()).db.select({ id: users.id }).from(users).where(eq(users.id, id))).length;
    expect(await left(room.student.row.id)).toBe(1);
    expect(await left(loner.id)).toBe(0);
  });

  it("reads RETENTION_DAYS, and refuses an unknown option", async () => {
    const recent = await archivedClass(30);
    process.env.RETENTION_DAYS = "20";
    const lines = capture();
    expect(await main(["--apply"])).toBe(0);
    expect(lines.join("\n")).toContain("RETENTION_DAYS=20");
    expect(await workOf(recent)).toHaveLength(0);
    expect(await main(["--yes"])).toBe(2);
    expect(lines.join("\n")).toContain("Unknown option --yes");
  });

  it("says which database and images it works on, and refuses a SQLite file that is not there rather than making one", async () => {
    let lines = capture();
    expect(await main([])).toBe(0);
    expect(lines.join("\n")).toMatch(/^Database: (SQLite file|PGlite|PostgreSQL) .*\nImages: (folder|bucket) /m);

    vi.restoreAllMocks();
    lines = capture();
    const { DATABASE_PATH: saved, DATABASE_URL: url } = process.env;
    const missing = path.join(os.tmpdir(), `recap-no-such-${process.pid}`, "app.db");
    try {
      process.env.DATABASE_PATH = missing;
      delete process.env.DATABASE_URL;
      expect(await main(["--apply"])).toBe(2);
    } finally {
      for (const [name, value] of [
        ["DATABASE_PATH", saved],
        ["DATABASE_URL", url],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(lines.join("\n")).toContain(`Database: SQLite file ${missing}`);
    expect(lines.join("\n")).toContain("There is no database there. Run this with the app's own environment");
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });
});
