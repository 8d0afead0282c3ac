/**
 * `tsx db/setup.ts [--seed]`: opens the configured database (the SQLite file, created if needed,
 * or PostgreSQL at DATABASE_URL), applies every pending migration and, with --seed, seeds the demo
 * when the database has no users yet.
 */
import { seedDemoWanted, teacherSignUp } from "../lib/env";
import { databasePath, openDatabase } from "./index";
import { demoAccountsOpen, seedDemo } from "./seed";

// A misconfiguration (TEACHER_SIGNUP=code without a code) stops `npm start` here, saying what to set.
let seed = process.argv.includes("--seed");
try {
  console.log(`Teacher sign-up: ${teacherSignUp().mode}.`);
  if (seed && !seedDemoWanted()) {
    console.log("SEED_DEMO=false: no demo is seeded.");
    seed = false;
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const database = await openDatabase();
console.log(`Database ready ${database.dialect === "sqlite" ? `at ${databasePath()}` : "on PostgreSQL"} (migrations applied).`);
if (seed) {
  const outcome = await seedDemo(database);
  console.log(
    outcome === "seeded" ? "Demo data seeded (see README for the accounts)." : "Database already has accounts: demo seed skipped.",
  );
}
// Said at every start while it is true: on a school's server, anyone who has read the README can sign in.
const open = await demoAccountsOpen(database);
if (open.length > 0) {
  console.warn(
    `Warning: the demo's accounts still take the passwords the README publishes (${open.join(", ")}). ` +
      "Before real use, start from an empty database with SEED_DEMO=false, or deactivate or erase them under Administration.",
  );
}
await database.close();
