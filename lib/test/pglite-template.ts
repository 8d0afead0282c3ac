import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  interface ProvidedContext {
    /** A migrated PGlite data directory (a .tar), for DATABASE_URL=pglite: to start from (db/dialect.ts). */
    pgliteTemplate: string;
  }
}

/**
 * Global setup of the "postgres" test project: creates and migrates one PGlite database and dumps
 * it, so that each test file's own database starts from that copy (about 0.5 s) instead of running
 * initdb in WebAssembly again (about 2.5 s, measured on this 2-core machine). Each file still gets
 * a database of its own, and its migration check finds nothing pending.
 */
export async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recap-pglite-"));
  const client = new PGlite();
  try {
    await migrate(drizzle(client), { migrationsFolder: path.join(import.meta.dirname, "../../db/migrations-pg") });
    const file = path.join(dir, "template.tar");
    fs.writeFileSync(file, new Uint8Array(await (await client.dumpDataDir("none")).arrayBuffer()));
    project.provide("pgliteTemplate", file);
  } finally {
    await client.close();
  }
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
