// Helpers for `npm start` and `npm test`. Plain Node with no dependencies: they run before
// `npm ci` has installed anything.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export function log(message) {
  console.log(`\x1b[36m[recap]\x1b[0m ${message}`);
}

/** Runs a command in the project folder, streaming its output; throws if it fails. */
export function run(command, args, { env = {}, allowFailure = false } = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
  }
  return result.status === 0;
}

/**
 * Runs commands side by side (`[name, command, args, after, env]` each: `after`, if given, a promise
 * the command waits for, and fails without running if it resolves false; `env`, variables to add),
 * prints each one's output in one block when it ends, and resolves with whether each passed:
 * `{ [name]: boolean }`.
 */
export async function runSideBySide(commands) {
  const results = await Promise.all(
    commands.map(async ([name, command, args, after, env = {}]) => {
      if (after !== undefined && !(await after)) {
        log(`${name} FAILED: not run, as what it needs did not get ready`);
        return [name, false];
      }
      return new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: "1", ...env } });
        const output = [];
        child.stdout.on("data", (chunk) => output.push(chunk));
        child.stderr.on("data", (chunk) => output.push(chunk));
        child.on("error", (error) => output.push(Buffer.from(String(error))));
        child.on("close", (code) => {
          const passed = code === 0;
          log(`${name} ${passed ? "passed" : "FAILED"} (${Math.round((Date.now() - started) / 1000)} s)`);
          if (output.length > 0) process.stdout.write(Buffer.concat(output));
          resolve([name, passed]);
        });
      });
    }),
  );
  return Object.fromEntries(results);
}

/** The full path of `command` on the PATH, or null. */
export function which(command) {
  const result = spawnSync("sh", ["-c", 'command -v "$1"', "sh", command], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * Debian's headless shell (apt-get install chromium-headless-shell): the same Chromium without the
 * desktop browser around it. The e2e suite on it: 143 tests in 328 s instead of 398 s, its browsers
 * using 381 s of CPU instead of 515 s (2-core machine). The binary itself, not /usr/bin's wrapper
 * script, so that Playwright's signals reach the browser.
 */
const HEADLESS_SHELLS = ["/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium-browser/chromium-headless-shell"];

/**
 * The browser the end-to-end tests drive: CHROMIUM_PATH, else a headless shell, else a system
 * Chromium or Chrome; null when there is none (Playwright's own download, if installed, is used then).
 */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return fs.existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  return (
    HEADLESS_SHELLS.find((file) => fs.existsSync(file)) ??
    ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome-stable", "google-chrome"].map(which).find(Boolean) ??
    null
  );
}

export const baseEnv = { NEXT_TELEMETRY_DISABLED: "1" };

/**
 * glibc settings for the app server, read only when a process starts: image processing (libvips)
 * frees its buffers from many threads, and with glibc's defaults that memory stays held in
 * per-thread arenas after a burst of uploads. Two arenas and mmap for large blocks give it back.
 * (Measured for issue 11: two rounds of 200 uploads ended 410 MB resident without, 313 MB with.)
 */
export const SERVER_MALLOC_ENV = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" };

function hashOf(parts) {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
}

function listFiles(dir) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [dir];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((e) => !e.name.startsWith(".") && e.name !== "node_modules")
    .flatMap((e) => listFiles(path.join(dir, e.name)))
    .sort();
}

function stampIsCurrent(stampFile, value) {
  return fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === value;
}

/** `npm ci` when node_modules is missing or was installed from another lockfile or Node version. */
/**
 * `npm ci` when package-lock.json (or Node) changed since the last install, in two steps: the
 * packages without their build scripts, then those scripts (`npm rebuild`: better-sqlite3 compiles
 * from source, about a minute on one core; esbuild and koffi check their binaries) in a child
 * process. Resolves with whether that build passed; meanwhile the caller may run what needs no
 * native code (npm test runs its type check and lint, on the other core).
 * @returns {Promise<boolean>}
 */
export function ensureDependencies() {
  const lock = path.join(root, "package-lock.json");
  const stamp = path.join(root, "node_modules", ".recap-install-stamp");
  const want = hashOf([fs.readFileSync(lock), process.version]);
  if (stampIsCurrent(stamp, want)) return Promise.resolve(true);
  log("Installing dependencies (npm ci)…");
  // node-gyp must build against the local Node headers: the download of headers is unreachable here.
  const nodedir = ["/usr/include/node/node.h", "/usr/local/include/node/node.h"].find((f) => fs.existsSync(f));
  const env = { ...process.env, ...(nodedir ? { npm_config_nodedir: path.resolve(path.dirname(nodedir), "../..") } : {}) };
  run("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { env });
  log("Building the native dependencies (npm rebuild; better-sqlite3 compiles from source, about a minute)…");
  return new Promise((resolve) => {
    const child = spawn("npm", ["rebuild"], { cwd: root, stdio: "inherit", env });
    child.on("error", (error) => {
      log(`npm rebuild could not start: ${error.message}`);
      resolve(false);
    });
    child.on("close", (code, signal) => {
      if (code === 0) fs.writeFileSync(stamp, want);
      else log(`npm rebuild failed (exit ${code ?? signal}): the native dependencies are not built.`);
      resolve(code === 0);
    });
  });
}

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

/**
 * Whether `next build` is due (there is no build, or the sources changed since the last one): null
 * when the build is current, else `markBuilt`, to call once a build of these sources has passed.
 */
export function pendingBuild() {
  const files = BUILD_INPUTS.flatMap(listFiles).filter((f) => !/\.test\.tsx?$/.test(f));
  const want = hashOf(files.flatMap((f) => [f, fs.readFileSync(path.join(root, f))]));
  const stamp = path.join(root, ".next", "recap-build-stamp");
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID")) && stampIsCurrent(stamp, want)) return null;
  return { markBuilt: () => fs.writeFileSync(stamp, want) };
}

/** `next build` when it is due (pendingBuild). */
export function ensureBuild() {
  const pending = pendingBuild();
  if (!pending) return;
  log("Building the app (next build)…");
  run("npx", ["next", "build"], { env: baseEnv });
  pending.markBuilt();
}

/** Auth.js needs a secret. Generate one on first start and keep it, so sessions survive restarts. */
export function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(root, "data", ".auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    log(`Generated AUTH_SECRET, kept in ${path.relative(root, file)}.`);
  }
  return fs.readFileSync(file, "utf8").trim();
}
