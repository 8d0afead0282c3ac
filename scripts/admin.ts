/**
 * `npm run admin -- create --email … --name …`: makes an administrator account (the first one on a
 * fresh install, or another) and prints its one-time password, to be replaced at first sign-in.
 * `npm run admin -- reset --email …`: gives an administrator who lost their password a one-time
 * password (the app's pages reset anyone's but an administrator's), and signs them out everywhere.
 * Applies pending migrations first, as the app does; SQLite by default, PostgreSQL with DATABASE_URL.
 * Exit codes: 0 done, 1 refused (the email is taken or is no administrator's, or the input is wrong), 2 usage.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase } from "@/db";
import { createAdministrator, resetAdministratorPassword } from "@/db/queries/admin";
import { FieldError } from "@/lib/errors";
import { hashPassword } from "@/lib/password";
import { generateOneTimePassword } from "@/lib/roster";
import { createAdminSchema, resetAdminSchema } from "@/lib/validations/admin";
import { dataLocation } from "@/lib/server/settings";

const USAGE = [
  'Usage: npm run admin -- create --email admin@school.org --name "Alex Admin"',
  "       npm run admin -- reset --email admin@school.org",
].join("\n");

export async function main(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: false,
    options: { email: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const command = positionals[0];
  if (values.help || (command !== "create" && command !== "reset") || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  let done: (passwordHash: string) => Promise<string>;
  if (command === "create") {
    const parsed = createAdminSchema.safeParse({ email: values.email, name: values.name });
    if (!parsed.success) return invalid(parsed.error);
    done = async (passwordHash) => {
      const admin = await createAdministrator({ ...parsed.data, passwordHash });
      return `Administrator created: ${admin.name} <${admin.email}>`;
    };
  } else {
    const parsed = resetAdminSchema.safeParse({ email: values.email });
    if (!parsed.success) return invalid(parsed.error);
    done = async (passwordHash) => {
      const admin = await resetAdministratorPassword({ ...parsed.data, passwordHash });
      const inactive = admin.active ? "" : " (the account is deactivated: another administrator must reactivate it)";
      return `Password reset: ${admin.name} <${admin.email}> is signed out everywhere${inactive}.`;
    };
  }
  const password = generateOneTimePassword();
  const where = dataLocation();
  console.log(`Database: ${where.database}${where.exists ? "" : " (new: it is created now)"}`);
  try {
    console.log(await done(await hashPassword(password)));
    console.log(`One-time password: ${password}`);
    console.log("It is shown only now. At the next sign-in the administrator must choose a password of their own.");
    return 0;
  } catch (error) {
    if (error instanceof FieldError) {
      console.error(`${command === "create" ? "Not created" : "Not reset"}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await closeDatabase();
  }
}

/** The input's problems, by option, then the usage: exit code 1. */
function invalid(error: z.ZodError): number {
  const { fieldErrors } = z.flattenError(error);
  for (const [field, messages] of Object.entries(fieldErrors))
    console.error(`--${field}: ${((messages as string[] | undefined) ?? []).join(" ")}`);
  console.error(USAGE);
  return 1;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) process.exitCode = await main(process.argv.slice(2));
