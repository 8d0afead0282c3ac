import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { closeDatabase } from "@/db";

// Every test file gets its own throwaway database, migrated on first use: a SQLite file here, or
// (in the "postgres" project of vitest.config.ts, DATABASE_URL=pglite:) a PGlite database in memory.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recap-unit-"));
process.env.DATABASE_PATH = path.join(dir, "test.db");
process.env.UPLOADS_DIR = path.join(dir, "uploads");
delete (globalThis as { recapDb?: unknown }).recapDb;

afterAll(async () => {
  await closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});
