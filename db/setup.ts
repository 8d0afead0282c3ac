/**
 * `tsx db/setup.ts [--seed]`: creates the database file if needed, applies every pending
 * migration and, with --seed, seeds the demo when the database has no users yet.
 */
import { databasePath, openDatabase } from "./index";
import { seedDemo } from "./seed";

const file = databasePath();
const { sqlite, db } = openDatabase(file);
console.log(`Database ready at ${file} (migrations applied).`);
if (process.argv.includes("--seed")) {
  const outcome = await seedDemo(db);
  console.log(
    outcome === "seeded" ? "Demo data seeded (see README for the accounts)." : "Database already has accounts: demo seed skipped.",
  );
}
sqlite.close();
