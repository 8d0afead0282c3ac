import { beforeAll } from "vitest";
import { getDatabase } from "@/db";

// PGlite creates and migrates its database in seconds (more on a busy machine), SQLite in
// milliseconds: open it before the first test, so that no test's own time limit pays for it.
beforeAll(async () => {
  await getDatabase();
}, 120_000);
