import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { beforeAll, inject } from "vitest";
import { getDatabase } from "@/db";

// The "postgres" project: this file's own database, copied from the migrated template
// (lib/test/postgres-template.ts), then opened before the first test, so that no test's own time
// limit pays for it (PGlite loads its copy in seconds on a busy machine; SQLite opens in milliseconds).
beforeAll(async () => {
  const template = inject("postgresTemplate");
  if (template.kind === "server") {
    const name = `test_${randomBytes(8).toString("hex")}`;
    const admin = postgres(template.url, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database ${name} template ${template.database}`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const url = new URL(template.url);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
  } else {
    process.env.DATABASE_URL = "pglite:";
    process.env.PGLITE_TEMPLATE = template.file;
  }
  await getDatabase();
}, 120_000);
