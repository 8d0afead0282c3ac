import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig, type ViteUserConfig } from "vitest/config";

const shared: ViteUserConfig = {
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // "server-only" throws outside React Server Components; unit tests run in plain Node.
      "server-only": fileURLToPath(new URL("./lib/test/server-only-stub.ts", import.meta.url)),
    },
  },
};

const test = {
  environment: "node" as const,
  setupFiles: ["./lib/test/setup.ts"],
  // Worker threads, not a process per file: the same 1,136 tests in 86 s instead of 106 s on 2 cores
  // (each forked process loaded Node.js, the transform pipeline and the native modules again).
  pool: "threads" as const,
  // Two workers share two cores with whatever else the machine runs (CI keeps one core busy): a test
  // that hashes for real or seeds thousands of rows can pass Vitest's 5 s default without anything
  // being wrong (the 2,345-student export test took longer than that in a fresh-clone run). A limit,
  // not a performance figure: those are in npm run bench.
  testTimeout: 20_000,
  // next-auth imports "next/server" without an extension, which only a bundler resolves.
  server: { deps: { inline: ["next-auth", "@auth/core"] } },
};

export default defineConfig({
  ...shared,
  test: {
    // Vitest's default for a run is one worker fewer than the cores: one on a 2-core machine, where
    // the other core then idles (test files run in their own process on their own database).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // Everything, on the embedded default (SQLite).
      { ...shared, test: { ...test, name: "sqlite", include: ["{lib,db,components,app,scripts}/**/*.test.{ts,tsx}"] } },
      // The query layer and what reads through it again, on PostgreSQL, one database per test file: a
      // throwaway server where PostgreSQL is installed, else PGlite in memory (lib/test/postgres-template.ts).
      // The same tests, the same query functions (docs/decisions/010-postgresql.md).
      {
        ...shared,
        test: {
          ...test,
          name: "postgres",
          include: [
            "db/**/*.test.ts",
            "lib/server/authz.test.ts",
            "lib/server/stored-files.test.ts",
            "lib/server/studio.test.ts",
            "app/**/*.test.ts",
          ],
          // The parity test compares the two declarations (no database); callback-url's redirects
          // mock the password check and do not depend on the database (10 s on PGlite, 2.4 s on SQLite).
          exclude: ["db/schema/parity.test.ts", "app/(auth)/callback-url.test.ts"],
          globalSetup: ["./lib/test/postgres-template.ts"],
          setupFiles: [...test.setupFiles, "./lib/test/database-ready.ts"],
          // PostgreSQL from the first import on; lib/test/database-ready.ts names the file's own database.
          env: { DATABASE_URL: "pglite:" },
        },
      },
    ],
  },
});
