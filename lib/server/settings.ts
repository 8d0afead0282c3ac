import fs from "node:fs";
import path from "node:path";
import { databaseTarget } from "../../db/dialect";
import { teacherSignUp } from "../env";
import { parseStorageUrl } from "./storage/config";

// Relative imports: scripts/server.mjs loads this through tsx, without the "@/" alias.

/**
 * Every setting the app reads from its environment that can be wrong, checked at once when the
 * server starts (scripts/server.mjs), so a mistake stops it with each problem named instead of
 * failing the first page or upload that needs the setting, behind a health check that answers 200.
 */
export function settingsProblems(env: Record<string, string | undefined> = process.env): string[] {
  const problems: string[] = [];
  const check = (what: () => unknown) => {
    try {
      what();
    } catch (error) {
      problems.push((error as Error).message);
    }
  };
  if (!env.AUTH_SECRET?.trim()) {
    problems.push(
      "AUTH_SECRET is not set: it seals the session cookies, and every instance needs the same one " +
        "(`npm start` generates one into data/.auth-secret).",
    );
  }
  check(() => databaseTarget(env));
  check(() => teacherSignUp(env)); // and every other setting lib/env.ts reads
  check(() => parseStorageUrl(env.STORAGE_URL));
  return problems;
}

/**
 * Where this process's data is, said by the commands an administrator runs from a shell or cron
 * (npm run purge, npm run admin), whose environment may not be the service's: the database (no
 * credentials) and the store for images. `exists` is false for a SQLite file not there yet.
 */
export function dataLocation(env: Record<string, string | undefined> = process.env): {
  database: string;
  storage: string;
  exists: boolean;
} {
  const target = databaseTarget(env);
  const bucket = parseStorageUrl(env.STORAGE_URL);
  const storage = bucket
    ? `bucket ${bucket.bucket}${bucket.prefix ? `/${bucket.prefix}` : ""}${bucket.endpoint ? ` at ${bucket.endpoint}` : ""}`
    : `folder ${path.resolve(env.UPLOADS_DIR ?? path.join(process.cwd(), "data", "uploads"))}`;
  if (target.dialect === "sqlite") {
    const file = path.resolve(env.DATABASE_PATH ?? path.join(process.cwd(), "data", "app.db"));
    return { database: `SQLite file ${file}`, storage, exists: fs.existsSync(file) };
  }
  if (target.driver === "pglite") return { database: `PGlite ${target.dataDir ?? "in memory"}`, storage, exists: true };
  const url = new URL(target.url);
  return { database: `PostgreSQL ${url.host}${url.pathname}`, storage, exists: true };
}
