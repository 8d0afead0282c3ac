import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { findPostgresBin, startPgServer } from "../../scripts/pg-server.mjs";

/** Where each test file of the "postgres" project gets its own migrated database from. */
export type PostgresTemplate =
  /** A throwaway PostgreSQL server: `url` is its `postgres` database; each file copies `database` (CREATE DATABASE … TEMPLATE). */
  | { kind: "server"; url: string; database: string }
  /** No server programs here: a PGlite data directory (a .tar) each file loads (DATABASE_URL=pglite:, db/dialect.ts). */
  | { kind: "pglite"; file: string };

declare module "vitest" {
  interface ProvidedContext {
    postgresTemplate: PostgresTemplate;
  }
}

const migrationsFolder = path.join(import.meta.dirname, "../../db/migrations-pg");
const TEMPLATE_DATABASE = "recap_template";

/**
 * Global setup of the "postgres" test project. Where PostgreSQL's server programs are installed
 * (CI installs them; scripts/pg-server.mjs finds them), it starts a throwaway server and migrates one
 * template database; each test file then copies it into a database of its own
 * (lib/test/database-ready.ts). The same queries on a real server through postgres.js, the
 * production driver, with real concurrent connections, and about three times faster than PGlite
 * (PostgreSQL compiled to WebAssembly). Without the programs, or with TEST_POSTGRES=pglite, each
 * file loads a migrated PGlite copy instead (about 0.5 s, against 2.5 s for initdb in WebAssembly).
 */
export async function setup(project: TestProject) {
  if (process.env.TEST_POSTGRES !== "pglite" && findPostgresBin()) {
    try {
      return await onServer(project);
    } catch (error) {
      // A machine whose programs cannot run a server (say, as root with no `postgres` user): the same tests on PGlite.
      console.warn(`The postgres test project runs on PGlite: no throwaway PostgreSQL server (${(error as Error).message})`);
    }
  }
  return await onPglite(project);
}

async function onServer(project: TestProject) {
  const server = await startPgServer({ database: TEMPLATE_DATABASE });
  try {
    const sql = postgres(server.url, { max: 1, onnotice: () => {} });
    try {
      await migratePostgres(drizzlePostgres(sql), { migrationsFolder });
    } finally {
      await sql.end({ timeout: 5 });
    }
  } catch (error) {
    await server.close();
    throw error;
  }
  const admin = new URL(server.url);
  admin.pathname = "/postgres";
  project.provide("postgresTemplate", { kind: "server", url: admin.toString(), database: TEMPLATE_DATABASE });
  return () => server.close();
}

async function onPglite(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recap-pglite-"));
  const client = new PGlite();
  try {
    await migratePglite(drizzlePglite(client), { migrationsFolder });
    const file = path.join(dir, "template.tar");
    fs.writeFileSync(file, new Uint8Array(await (await client.dumpDataDir("none")).arrayBuffer()));
    project.provide("postgresTemplate", { kind: "pglite", file });
  } finally {
    await client.close();
  }
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
