import { openDatabase } from "../db";
import { seedDemo } from "../db/seed";

/** The demo seed in the test database, so one spec can prove the README's accounts work. */
export default async function globalSetup() {
  const database = await openDatabase(process.env.DATABASE_PATH);
  await seedDemo(database);
  await database.close();
}
