import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { openDatabase } from "./db";

// The app under test runs on its own port with a throwaway database that the test workers
// also open (WAL lets them share it) to build their own data through db/factories.
const PORT = Number(process.env.E2E_PORT ?? 3210);
// A run on another port (E2E_PORT, with NEXT_DIST_DIR for its build) gets its own data, so two
// runs can share a machine.
const dataDir = path.join(process.cwd(), "data", PORT === 3210 ? "e2e" : `e2e-${PORT}`);
process.env.DATABASE_PATH = path.join(dataDir, "app.db");
process.env.UPLOADS_DIR = path.join(dataDir, "uploads");

// Runs once, in the main process, before the web server starts: a fresh, migrated database
// every run (migrated here so the server and the workers never race to create tables).
if (!process.env.TEST_WORKER_INDEX && !process.env.RECAP_E2E_PREPARED) {
  process.env.RECAP_E2E_PREPARED = "1";
  fs.rmSync(dataDir, { recursive: true, force: true });
  await (await openDatabase(process.env.DATABASE_PATH)).close();
}

const chromiumPath = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "./e2e",
  // Each port's run keeps its own artifacts: Playwright empties this folder when a run starts.
  outputDir: PORT === 3210 ? "test-results" : `test-results-${PORT}`,
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
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
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
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /mobile\.spec\.ts/ },
    { name: "phone", use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 } }, testMatch: /mobile\.spec\.ts/ },
  ],
  webServer: {
    // The app's own server (Next.js behind the request edge), as `npm start` runs it.
    command: "node scripts/server.mjs",
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      // The server's pid and a copy of its stderr, for e2e/hostile-input.spec.ts.
      RECAP_DIAGNOSTICS_DIR: dataDir,
      DATABASE_PATH: process.env.DATABASE_PATH,
      UPLOADS_DIR: process.env.UPLOADS_DIR,
      AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      TEACHER_SIGNUP_CODE: "",
    },
  },
});
