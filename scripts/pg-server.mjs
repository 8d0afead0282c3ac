#!/usr/bin/env node
// A throwaway PostgreSQL server for tests, CI and end-to-end runs: a new cluster in a temporary
// folder, on a free port of 127.0.0.1, with its socket in that folder, fsync off (nothing in it
// needs to survive a crash), and one database. Plain Node with no dependencies (npm test imports it
// before deciding whether to run the scale-out end-to-end suite); it needs PostgreSQL's own server
// programs (Debian: `apt-get install -y postgresql`, found under /usr/lib/postgresql/*/bin).
//
//   node scripts/pg-server.mjs [--port 0] [--database recap_test] [--directory DIR] [--locale C.UTF-8]
//
// --port 0 (the default) picks a free port. --directory keeps the cluster there (created if
// missing, reused if it holds one); without it the cluster lives in a temporary folder that is
// removed when the server stops. Once the server answers it prints, quoted for a shell
// (`set -a; . file; set +a` reads it back) and for .env files:
//   DATABASE_URL='postgres://recap:…@127.0.0.1:PORT/recap_test'
// and runs until SIGINT or SIGTERM, then stops PostgreSQL (fast shutdown) and removes the folder.
//
// PostgreSQL refuses to run as root: as root, the programs run as the `postgres` user (Debian's
// package creates it; PG_SERVER_USER names another). PG_BIN names the folder of the programs if
// they are somewhere else. The password is random per cluster, sent only over 127.0.0.1.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/** How to get the server programs, for messages. */
export const POSTGRES_INSTALL_HINT =
  "Debian/Ubuntu: sudo apt-get install -y postgresql (the server; it need not be running). macOS: brew install postgresql@17. " +
  "Or set PG_BIN to the folder that holds initdb and postgres.";

const PROGRAMS = ["initdb", "postgres", "pg_isready", "createdb"];

function hasPrograms(dir) {
  return PROGRAMS.every((program) => fs.existsSync(path.join(dir, program)));
}

/** The folder of PostgreSQL's server programs (initdb, postgres…), newest version first; null when there are none. */
export function findPostgresBin() {
  if (process.env.PG_BIN) return hasPrograms(process.env.PG_BIN) ? process.env.PG_BIN : null;
  const candidates = [];
  for (const base of ["/usr/lib/postgresql", "/usr/local/lib/postgresql"]) {
    if (!fs.existsSync(base)) continue;
    const versions = fs
      .readdirSync(base)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(base, v, "bin")));
  }
  // Elsewhere (Homebrew, Postgres.app, a source build) the programs are usually on the PATH.
  candidates.push(...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean));
  return candidates.find(hasPrograms) ?? null;
}

/** The user the programs run as: ourselves, or (as root, which PostgreSQL refuses) PG_SERVER_USER or `postgres`. */
function runAs() {
  if (process.getuid?.() !== 0) return {};
  const name = process.env.PG_SERVER_USER || "postgres";
  const id = (flag) => spawnSync("id", [flag, name], { encoding: "utf8" });
  const uid = id("-u");
  const gid = id("-g");
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(`PostgreSQL will not run as root, and there is no user "${name}" to run it as: create one or set PG_SERVER_USER.`);
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Creates a cluster (unless `directory` holds one), starts PostgreSQL on 127.0.0.1 and creates the
 * database. `close()` stops it (fast shutdown: open connections are ended) and removes a temporary
 * folder; `stopNow()` is the synchronous last resort for process exit.
 * @param {{ port?: number, database?: string, directory?: string, locale?: string }} [options]
 */
export async function startPgServer({ port = 0, database = "recap_test", directory, locale = "C.UTF-8" } = {}) {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error("The database's name: lower-case letters, digits and underscores only.");
  const bin = findPostgresBin();
  if (!bin) throw new Error(`No PostgreSQL server programs found (initdb, postgres). ${POSTGRES_INSTALL_HINT}`);
  const user = runAs();
  const temporary = !directory;
  const dir = directory ? path.resolve(directory) : fs.mkdtempSync(path.join(os.tmpdir(), "recap-pg-"));
  fs.mkdirSync(dir, { recursive: true });
  if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid);
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  const passwordFile = path.join(dir, "password");
  // The programs run in the cluster's folder: as another user, this project's folder may be closed to them.
  const spawnOptions = { cwd: dir, ...user, env: { ...process.env, LC_ALL: "C", PGTZ: "UTC" } };
  const program = (name, args) => {
    const result = spawnSync(path.join(bin, name), args, { ...spawnOptions, encoding: "utf8" });
    if (result.status !== 0) {
      throw new Error(`${name} failed (exit ${result.status ?? result.signal}):\n${(result.stderr || result.stdout || "").trim()}`);
    }
  };
  const removeFolder = () => {
    if (temporary) fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
      fs.writeFileSync(passwordFile, randomBytes(18).toString("hex"), { mode: 0o600 });
      if (user.uid !== undefined) fs.chownSync(passwordFile, user.uid, user.gid);
      program("initdb", [
        "--pgdata",
        dataDir,
        "--username",
        "recap",
        "--pwfile",
        passwordFile,
        "--auth-local",
        "trust",
        "--auth-host",
        "scram-sha-256",
        "--encoding",
        "UTF8",
        "--locale",
        locale,
        "--no-sync",
      ]);
    }
    const password = fs.readFileSync(passwordFile, "utf8").trim();

    let server;
    let chosenPort = port;
    for (let attempt = 1; ; attempt++) {
      chosenPort = port || (await freePort());
      const log = fs.openSync(logFile, "a");
      if (user.uid !== undefined) fs.fchownSync(log, user.uid, user.gid);
      // A server of our own as a child process (not pg_ctl's daemon), so it ends with whoever started it.
      server = spawn(
        path.join(bin, "postgres"),
        [
          ...["-D", dataDir, "-p", String(chosenPort), "-k", dir],
          ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_permissions=0700"],
          // A test server: nothing in it has to survive a crash, so skip the waits for the disk.
          ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
          // Two app instances and the test workers, each with a pool.
          ...["-c", "max_connections=200"],
        ],
        { ...spawnOptions, stdio: ["ignore", log, log] },
      );
      fs.closeSync(log);
      const ended = new Promise((resolve) => server.once("exit", (code, signal) => resolve(code ?? signal)));
      const ready = (async () => {
        for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
          const probe = spawnSync(path.join(bin, "pg_isready"), ["-q", "-h", dir, "-p", String(chosenPort)], spawnOptions);
          if (probe.status === 0) return "ready";
          if (server.exitCode !== null || server.signalCode !== null) return "exited";
        }
        return "timeout";
      })();
      const outcome = await Promise.race([ready, ended.then(() => "exited")]);
      if (outcome === "ready") break;
      if (outcome === "timeout") server.kill("SIGQUIT");
      // Another process may have taken the port between our look and PostgreSQL's bind: try another.
      if (outcome === "exited" && !port && attempt < 3 && /could not (bind|create listen socket)/i.test(tail(logFile))) continue;
      throw new Error(`PostgreSQL did not start (${outcome}). The end of its log, ${logFile}:\n${tail(logFile)}`);
    }

    const exited = new Promise((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) resolve();
      else server.once("exit", () => resolve());
    });
    const stopNow = () => {
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGQUIT");
    };
    try {
      program("createdb", ["-h", dir, "-p", String(chosenPort), "-U", "recap", database]);
    } catch (error) {
      // A kept --directory may hold the database from last time.
      if (!/already exists/.test(error.message)) {
        stopNow();
        await exited;
        throw error;
      }
    }

    let closing;
    return {
      url: `postgres://recap:${password}@127.0.0.1:${chosenPort}/${database}`,
      port: chosenPort,
      directory: dir,
      logFile,
      /** Stops the server (fast shutdown: open connections end) and removes a temporary folder. */
      close() {
        closing ??= (async () => {
          if (server.exitCode === null && server.signalCode === null) {
            server.kill("SIGINT");
            const timer = setTimeout(stopNow, 10_000);
            await exited;
            clearTimeout(timer);
          }
          removeFolder();
        })();
        return closing;
      },
      /** For process exit, when nothing can be awaited: an immediate stop; the folder is left for the OS. */
      stopNow,
    };
  } catch (error) {
    removeFolder();
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      database: { type: "string", default: "recap_test" },
      directory: { type: "string" },
      locale: { type: "string", default: "C.UTF-8" },
    },
  });
  let server;
  try {
    server = await startPgServer({
      port: Number(values.port),
      database: values.database,
      directory: values.directory,
      locale: values.locale,
    });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  // Single quotes: a shell reads the line as it is; the URL holds no quote.
  console.log(`DATABASE_URL='${server.url}'`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  process.once("SIGHUP", stop);
  process.once("exit", () => server.stopNow());
}
