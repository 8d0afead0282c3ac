/**
 * `npm run admin -- create --email … --name …`: makes an administrator account (the first one on a
 * fresh install, or another) and prints its one-time password, to be replaced at first sign-in.
 * Applies pending migrations first, as the app does; SQLite by default, PostgreSQL with DATABASE_URL.
 * Exit codes: 0 created, 1 refused (the email is taken, or the input is wrong), 2 usage.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase } from "@/db";
import { createAdministrator } from "@/db/queries/admin";
import { FieldError } from "@/lib/errors";
import { hashPassword } from "@/lib/password";
import { generateOneTimePassword } from "@/lib/roster";
import { createAdminSchema } from "@/lib/validations/admin";
import { dataLocation } from "@/lib/server/settings";

const USAGE = 'Usage: npm run admin -- create --email admin@school.org --name "Alex Admin"';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: { email: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } },
});

async function main(): Promise<number> {
  if (values.help || positionals[0] !== "create" || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const parsed = createAdminSchema.safeParse({ email: values.email, name: values.name });
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    for (const [field, messages] of Object.entries(fieldErrors)) console.error(`--${field}: ${(messages ?? []).join(" ")}`);
    console.error(USAGE);
    return 1;
  }
  const password = generateOneTimePassword();
  const where = dataLocation();
  console.log(`Database: ${where.database}${where.exists ? "" : " (new: it is created now)"}`);
  try {
    const admin = await createAdministrator({ ...parsed.data, passwordHash: await hashPassword(password) });
    console.log(`Administrator created: ${admin.name} <${admin.email}>`);
    console.log(`One-time password: ${password}`);
    console.log("It is shown only now. At the first sign-in the administrator must choose a password of their own.");
    return 0;
  } catch (error) {
    if (error instanceof FieldError) {
      console.error(`Not created: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await closeDatabase();
  }
}

process.exitCode = await main();
