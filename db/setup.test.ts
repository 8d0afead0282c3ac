import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `tsx db/setup.ts --seed`, as `npm start` runs it on an empty SQLite database: the demo, and its
 * warning about published passwords, unless SEED_DEMO=false (a school's server).
 */
function setUp(env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recap-setup-"));
  const { DATABASE_URL: _url, SEED_DEMO: _seed, ...inherited } = process.env;
  const result = spawnSync(process.execPath, ["--import", "tsx", "db/setup.ts", "--seed"], {
    env: { ...inherited, DATABASE_PATH: path.join(dir, "app.db"), UPLOADS_DIR: path.join(dir, "uploads"), ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

describe("npm start's database set-up", { timeout: 90_000 }, () => {
  it("seeds the demo into an empty database, and warns that its passwords are published", () => {
    const result = setUp({});
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Demo data seeded");
    expect(result.stderr).toMatch(/Warning: the demo's accounts still take the passwords the README publishes \(.*admin@example\.com/);
  });

  it("with SEED_DEMO=false, seeds nothing and has nothing to warn about", () => {
    const result = setUp({ SEED_DEMO: "false" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("SEED_DEMO=false: no demo is seeded.");
    expect(result.stdout).not.toContain("Demo data seeded");
    expect(result.stderr).not.toContain("Warning");
  });

  it("stops at a SEED_DEMO it cannot read, rather than guessing", () => {
    const result = setUp({ SEED_DEMO: "no thanks" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("SEED_DEMO must be true or false.");
  });
});
