import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { findPostgresBin, POSTGRES_INSTALL_HINT, startPgServer } from "../pg-server.mjs";
import { atExit, cpuMs } from "./server";

/**
 * One throwaway PostgreSQL 15 cluster for the whole bench run (scripts/pg-server.mjs: fsync off, a
 * free port on 127.0.0.1), with a fresh database per class size and per scale-out set-up. Its CPU is
 * read from /proc like the app's: the postmaster and every backend it started.
 */

export type BenchPostgres = {
  /** A new, empty database; the app migrates it when it opens it. */
  createDatabase(name: string): Promise<string>;
  /** Planner statistics after seeding, as autovacuum would gather them on a live install. */
  analyze(url: string): Promise<void>;
  /** CPU time of the whole cluster so far, in ms (user + system, its processes and their reaped children). */
  cpuMs(): number;
  /** "PostgreSQL 15.14", for the report. */
  version(): Promise<string>;
  close(): Promise<void>;
};

/** Why the PostgreSQL parts cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  return findPostgresBin() ? undefined : `PostgreSQL's server programs are not installed. ${POSTGRES_INSTALL_HINT}`;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server = await startPgServer({ database: "recap_bench" });
  // However the bench ends: an immediate stop, and the cluster's folder goes too (a failed run left them in /tmp).
  atExit(() => {
    server.stopNow();
    fs.rmSync(server.directory, { recursive: true, force: true });
  });
  // The postmaster's pid is the first line of postmaster.pid (pg-server spawns it directly, as another user when root).
  const postmaster = Number(fs.readFileSync(path.join(server.directory, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  const urlOf = (database: string) => {
    const url = new URL(server.url);
    url.pathname = `/${database}`;
    return url.toString();
  };
  return {
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await admin.unsafe(`create database ${name}`);
      return urlOf(name);
    },
    async analyze(url) {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await sql`analyze`;
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
    cpuMs: () => cpuMs(postmaster),
    async version() {
      const [row] = await admin<{ server_version: string }[]>`show server_version`;
      return `PostgreSQL ${row?.server_version.split(" ")[0] ?? "(unknown version)"}`;
    },
    async close() {
      await admin.end({ timeout: 5 });
      await server.close();
    },
  };
}
