import { defineConfig } from "drizzle-kit";

// PostgreSQL's migrations, from the PostgreSQL declaration of the same schema
// (docs/decisions/010-postgresql.md). `npm run db:generate` writes both dialects' migrations.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/pg.ts",
  out: "./db/migrations-pg",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/recap" },
  strict: true,
  verbose: true,
});
