import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// Every test file gets its own throwaway database, migrated on first use.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recap-unit-"));
process.env.DATABASE_PATH = path.join(dir, "test.db");
process.env.UPLOADS_DIR = path.join(dir, "uploads");
delete (globalThis as { recapDb?: unknown }).recapDb;

afterAll(() => {
  const open = (globalThis as { recapDb?: { sqlite: { close(): void } } }).recapDb;
  open?.sqlite.close();
  delete (globalThis as { recapDb?: unknown }).recapDb;
  fs.rmSync(dir, { recursive: true, force: true });
});
