#!/usr/bin/env node
// `npm test`: install what is missing (dependencies, a Chromium), then run the unit tests and the
// end-to-end tests against a production build with a throwaway database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { baseEnv, ensureBuild, ensureDependencies, log, run } from "./lib.mjs";

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

const unit = run("npx", ["vitest", "run"], { env: baseEnv, allowFailure: true });
ensureBuild();
const e2e = run("npx", ["playwright", "test"], { env: { ...baseEnv, CHROMIUM_PATH: chromium }, allowFailure: true });

log(`unit tests: ${unit ? "passed" : "FAILED"}; end-to-end tests: ${e2e ? "passed" : "FAILED"}`);
process.exit(unit && e2e ? 0 : 1);
