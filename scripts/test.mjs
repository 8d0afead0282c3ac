#!/usr/bin/env node
// `npm test`: install what is missing (dependencies, a Chromium), then run the unit tests and the
// end-to-end tests against a production build with a throwaway database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { baseEnv, ensureBuild, ensureDependencies, log, root, run } from "./lib.mjs";

const reports = path.join(root, "data", "test-reports");

/** Passed and failed counts from a runner's JSON report (Vitest's or Playwright's). */
function counts(file, pick) {
  try {
    return pick(JSON.parse(fs.readFileSync(path.join(reports, file), "utf8")));
  } catch {
    return { passed: 0, failed: 1 }; // no report: the runner itself failed
  }
}

function which(command) {
  const result = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** CHROMIUM_PATH, else a system Chromium, else Playwright's own download, else apt-get as root. */
function ensureChromium() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  const system = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"].map(which).find(Boolean);
  if (system) return system;
  log("No Chromium found: trying Playwright's own download…");
  if (run("npx", ["playwright", "install", "chromium"], { allowFailure: true })) return "";
  if (process.getuid?.() === 0 && which("apt-get")) {
    log("Installing Debian's chromium with apt-get…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium"], { env: { DEBIAN_FRONTEND: "noninteractive" } });
    return which("chromium");
  }
  throw new Error("No Chromium available. Install one (apt-get install chromium) or set CHROMIUM_PATH.");
}

ensureDependencies();
const chromium = ensureChromium();
log(chromium ? `Browser: ${chromium}` : "Browser: Playwright's Chromium");

// The house rules first: types, lint (ESLint with the layer boundaries, Prettier, no unused exports).
const checks = {
  typecheck: run("npm", ["run", "typecheck"], { allowFailure: true }),
  lint: run("npm", ["run", "lint"], { allowFailure: true }),
};

fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
const unit = run(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "unit.json")}`],
  { env: baseEnv, allowFailure: true },
);
ensureBuild();
const e2e = run("npx", ["playwright", "test"], {
  env: { ...baseEnv, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_FILE: path.join(reports, "e2e.json") },
  allowFailure: true,
});

const u = counts("unit.json", (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }));
const e = counts("e2e.json", (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky }));
const passedChecks = Object.values(checks).filter(Boolean).length;
const failedChecks = Object.entries(checks)
  .filter(([, ok]) => !ok)
  .map(([name]) => name);
log(
  `checks: ${failedChecks.length ? `${failedChecks.join(" and ")} failed` : "typecheck and lint passed"}; ` +
    `unit tests: ${u.passed} passed, ${u.failed} failed; end-to-end tests: ${e.passed} passed, ${e.failed} failed`,
);
// A runner that exited non-zero without reporting a failed test (a crash, an unhandled error) counts as one.
const failed = failedChecks.length + u.failed + e.failed + (!unit && u.failed === 0 ? 1 : 0) + (!e2e && e.failed === 0 ? 1 : 0);
console.log(`${passedChecks + u.passed + e.passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
