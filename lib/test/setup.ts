import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, vi } from "vitest";
import { closeDatabase } from "@/db";

// Every test file gets its own throwaway database, migrated on first use: a SQLite file here, or
// (in the "postgres" project of vitest.config.ts, DATABASE_URL=pglite:) a PGlite database in memory.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recap-unit-"));
process.env.DATABASE_PATH = path.join(dir, "test.db");
process.env.UPLOADS_DIR = path.join(dir, "uploads");
delete (globalThis as { recapDb?: unknown }).recapDb;

// argon2id at the app's cost (19 MiB, two passes) takes about 40 ms a hash here, and the sign-in
// throttle tests alone check hundreds: tests hash at 1 MiB and one pass (2.5 ms). The app's own
// options still reach argon2 (db/queries/accounts.test.ts checks them); only the cost is lowered.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    hash: vi.fn((password: string, options: object) => real.hash(password, { ...options, memoryCost: 1024, timeCost: 1 })),
  };
});

afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});
