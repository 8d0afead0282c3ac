/**
 * `tsx db/setup.ts [--seed]`: opens the configured database (the SQLite file, created if needed,
 * or PostgreSQL at DATABASE_URL), applies every pending migration and, with --seed, seeds the demo
 * when the database has no users yet.
 */
import { teacherSignUp } from "../lib/env";
import { databasePath, openDatabase } from "./index";
import { seedDemo } from "./seed";

// A misconfiguration (TEACHER_SIGNUP=code without a code) stops `npm start` here, saying what to set.
try {
  console.log(`Teacher sign-up: ${teacherSignUp().mode}.`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const database = await openDatabase();
console.log(`Database ready ${database.dialect === "sqlite" ? `at ${databasePath()}` : "on PostgreSQL"} (migrations applied).`);
if (process.argv.includes("--seed")) {
  const outcome = await seedDemo(database);
  console.log(
    outcome === "seeded" ? "Demo data seeded (see README for the accounts)." : "Database already has accounts: demo seed skipped.",
  );
}
await database.close();
