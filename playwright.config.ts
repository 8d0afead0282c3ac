import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { openDatabase } from "./db";
import { findChromium, SERVER_MALLOC_ENV } from "./scripts/lib.mjs";
import { E2E_AUTH_SECRET } from "./e2e/support/server-env";
import { E2E_DATA_DIR, E2E_INSTANCES, E2E_OUTPUT_DIR, E2E_STACK, emptyTestDatabase, scaleStackEnv } from "./e2e/support/stack";

// The app under test runs on its own port with a throwaway database that the test workers also
// open to build their own data through db/factories: by default one instance on a SQLite file (WAL
// lets the processes share it); with E2E_STACK=scale two instances sharing PostgreSQL and an S3
// bucket (e2e/support/stack.ts). A run on another port (E2E_PORT, with NEXT_DIST_DIR for its
// build) gets its own data, so two runs can share a machine.
const dataDir = E2E_DATA_DIR;
process.env.DATABASE_PATH = path.join(dataDir, "app.db"); // SQLite's file; in scale mode only the folder is used
process.env.UPLOADS_DIR = E2E_INSTANCES[0]!.uploadsDir;
const scale = E2E_STACK === "scale" ? scaleStackEnv() : undefined;
// The default run is the embedded default, whatever this shell has exported for other work.
if (!scale) for (const name of ["DATABASE_URL", "STORAGE_URL"]) delete process.env[name];
// The AWS SDK warns once on Node 20 that its next releases need Node 22 (ADR 009): not in a test's stderr.
if (scale) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// Runs once, in the main process, before the web servers start: a fresh, migrated database every
// run (migrated here so the servers and the workers never race to create tables).
if (!process.env.TEST_WORKER_INDEX && !process.env.RECAP_E2E_PREPARED) {
  process.env.RECAP_E2E_PREPARED = "1";
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (scale) await emptyTestDatabase(scale.DATABASE_URL);
  await (await openDatabase(process.env.DATABASE_PATH)).close();
}

// CHROMIUM_PATH, else Debian's headless shell, else a system Chromium (scripts/lib.mjs); else Playwright's own.
const chromiumPath = findChromium() ?? undefined;

export default defineConfig({
  testDir: "./e2e",
  // Each port's run keeps its own artifacts: Playwright empties this folder when a run starts.
  outputDir: E2E_OUTPUT_DIR,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  // The JSON report (when npm test asks for it) gives the closing pass/fail count.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [["list"], ["json"]] : [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: E2E_INSTANCES[0]!.url,
    // A failed test keeps a screenshot and Playwright's error context (the page's accessibility tree
    // where it failed). Its trace (every action with the page's DOM before and after it) is recorded
    // only when asked, E2E_TRACE=1: recording it for every test, to keep the failures', cost about a
    // tenth of the suite's CPU on a machine where Chromium is the bottleneck (docs/decisions/016-test-time.md).
    // Never the trace's screencast of every frame: that alone cost 15% more.
    trace: process.env.E2E_TRACE ? { mode: "retain-on-failure", screenshots: false } : "off",
    screenshot: "only-on-failure",
    launchOptions: chromiumPath
      ? {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        }
      : {},
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testIgnore: [/mobile\.spec\.ts/, /hostile-input\.spec\.ts/],
    },
    { name: "phone", use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 } }, testMatch: /mobile\.spec\.ts/ },
    // The request edge's crafted requests measure the server's memory around each 50 MB body: they run
    // once everything else is done, so no other test's pages (or drawn cards) share the measurement.
    // Alone: `npx playwright test e2e/hostile-input.spec.ts --no-deps`.
    {
      name: "edge",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: /hostile-input\.spec\.ts/,
      dependencies: ["desktop", "phone"],
    },
  ],
  // The app's own server (Next.js behind the request edge), as `npm start` runs it: one, or in scale
  // mode two of the same build, started one after the other.
  webServer: E2E_INSTANCES.map((instance) => ({
    name: E2E_INSTANCES.length > 1 ? instance.name : undefined,
    command: "node scripts/server.mjs",
    url: `${instance.url}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    // SIGTERM lets a server close its database pool before it goes (else SIGKILL).
    gracefulShutdown: scale ? { signal: "SIGTERM" as const, timeout: 5_000 } : undefined,
    env: {
      // glibc's settings as `npm start` gives them (scripts/lib.mjs): the memory the request edge's
      // tests measure is the memory a school's server would have.
      ...SERVER_MALLOC_ENV,
      PORT: String(instance.port),
      // The server's pid and a copy of its stderr, for e2e/hostile-input.spec.ts.
      RECAP_DIAGNOSTICS_DIR: instance.diagnosticsDir,
      DATABASE_PATH: process.env.DATABASE_PATH!,
      // Request bodies in flight stay on each instance's own disk; stored images go to the bucket in scale mode.
      UPLOADS_DIR: instance.uploadsDir,
      ...(scale ?? {}),
      AUTH_SECRET: E2E_AUTH_SECRET,
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      TEACHER_SIGNUP_CODE: "",
    },
  })),
});
