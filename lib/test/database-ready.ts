import { beforeAll, inject } from "vitest";
import { getDatabase } from "@/db";

// PGlite creates and migrates its database in seconds (more on a busy machine), SQLite in
// milliseconds: open it before the first test, so that no test's own time limit pays for it.
beforeAll(async () => {
  // The postgres project's migrated template (lib/test/pglite-template.ts): no initdb per file.
  process.env.PGLITE_TEMPLATE = inject("pgliteTemplate");
  await getDatabase();
}, 120_000);
