import path from "node:path";
import postgres from "postgres";

/**
 * What the end-to-end suite runs against (playwright.config.ts reads this; so do specs that care):
 *
 * - `single` (the default): one app instance on E2E_PORT (3210), SQLite, images in a local folder,
 *   as `npm start` runs it.
 * - `scale` (E2E_STACK=scale): issue 12's set-up for many machines. Two instances of the same
 *   build, A on E2E_PORT (3230) and B on the next port, with the same AUTH_SECRET, one PostgreSQL
 *   database (DATABASE_URL=postgres://…) and one S3-compatible bucket (STORAGE_URL=s3://…), each
 *   with its own UPLOADS_DIR for request bodies in flight. The browser's baseURL is instance A;
 *   e2e/scale-out.spec.ts crosses over to B. `npm test` starts the database and the bucket
 *   (scripts/pg-server.mjs, scripts/s3-server.mjs) and runs this mode when PostgreSQL is installed.
 */
export const E2E_STACK: "single" | "scale" = process.env.E2E_STACK === "scale" ? "scale" : "single";

const port = Number(process.env.E2E_PORT ?? (E2E_STACK === "scale" ? 3230 : 3210));
const defaultPort = port === (E2E_STACK === "scale" ? 3230 : 3210);
const runName = `e2e${E2E_STACK === "scale" ? "-scale" : ""}${defaultPort ? "" : `-${port}`}`;

/** This run's own folder (a run on another port gets its own, so two runs can share a machine). */
export const E2E_DATA_DIR = path.join(process.cwd(), "data", runName);
/** Where Playwright keeps this run's artifacts (emptied when a run starts). */
export const E2E_OUTPUT_DIR = runName === "e2e" ? "test-results" : runName.replace(/^e2e/, "test-results");

/** The app instances of this run: A first (the browser's baseURL), then B in scale mode. */
export const E2E_INSTANCES = (E2E_STACK === "scale" ? ["A", "B"] : ["A"]).map((name, i) => ({
  name,
  port: port + i,
  url: `http://localhost:${port + i}`,
  // A's pid and stderr copy in the run's folder, where e2e/hostile-input.spec.ts looks for them.
  diagnosticsDir: i === 0 ? E2E_DATA_DIR : path.join(E2E_DATA_DIR, `instance-${name.toLowerCase()}`),
  uploadsDir: E2E_STACK === "scale" ? path.join(E2E_DATA_DIR, `uploads-${name.toLowerCase()}`) : path.join(E2E_DATA_DIR, "uploads"),
}));

/** DATABASE_URL and STORAGE_URL of a scale-mode run, checked; says how to get them when missing. */
export function scaleStackEnv(env: NodeJS.ProcessEnv = process.env) {
  const problems = [];
  if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? "")) problems.push("DATABASE_URL=postgres://… (a database this run may empty)");
  if (!(env.STORAGE_URL ?? "").startsWith("s3://")) problems.push("STORAGE_URL=s3://… (and its AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)");
  if (problems.length) {
    throw new Error(
      `E2E_STACK=scale needs ${problems.join(" and ")}. npm test starts both when PostgreSQL is installed; by hand:\n` +
        "  node scripts/pg-server.mjs > data/pg.env &\n" +
        "  node scripts/s3-server.mjs --port 0 --directory data/s3-e2e > data/s3.env &\n" +
        "  sleep 5; set -a; . data/pg.env; . data/s3.env; set +a\n" +
        "  E2E_STACK=scale npx playwright test",
    );
  }
  return { DATABASE_URL: env.DATABASE_URL!, STORAGE_URL: env.STORAGE_URL! };
}

/**
 * A fresh database for the run, as deleting the SQLite file gives one: drops the app's schema and
 * Drizzle's record of applied migrations, so the next open migrates from nothing. Only for a
 * database whose name says it is for tests (pg-server.mjs makes `recap_test`): a DATABASE_URL left
 * pointing at real data must not be emptied by a test run.
 */
export async function emptyTestDatabase(url: string) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/test|e2e/i.test(name)) {
    throw new Error(
      `The e2e run empties its database, and "${name}" does not look like a test database (its name has no "test" or "e2e").`,
    );
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`drop schema if exists drizzle cascade`;
    await sql`drop schema if exists public cascade`;
    await sql`create schema public`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
