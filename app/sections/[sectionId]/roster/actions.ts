"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { cancelInvitation, importRoster, planRosterImport, previewRosterImport, replaceOneTimePassword } from "@/db/queries/roster";
import { clientAddress } from "@/lib/client-address";
import { action } from "@/lib/server/action";
import { hashPassword, hashPasswords } from "@/lib/password";
import { generateOneTimePassword, readRosterInput } from "@/lib/roster";
import { cancelInvitationSchema, resetOneTimePasswordSchema, rosterImportSchema } from "@/lib/validations/roster";

/** What the import would do, row by row. Nothing is written. */
export const previewRosterAction = action("teacher", rosterImportSchema, async (input, user) => {
  const { mapping, columns, lines } = readRosterInput(input);
  return { mapping, columns, rows: await previewRosterImport(user, input.sectionId, lines, clientAddress(await headers())) };
});

/**
 * Writes the import in one transaction; the one-time passwords travel back once, for the slips. The
 * accounts it makes are counted first (planRosterImport), and their passwords hashed a few at a time.
 */
export const importRosterAction = action("teacher", rosterImportSchema, async (input, user) => {
  const { lines } = readRosterInput(input);
  const creating = (await planRosterImport(user, input.sectionId, lines, clientAddress(await headers()))).filter(
    (row) => row.outcome === "create",
  );
  const passwords = creating.map(() => generateOneTimePassword());
  const hashes = await hashPasswords(passwords);
  const newAccounts = new Map(creating.map((row, i) => [row.email, { password: passwords[i]!, passwordHash: hashes[i]! }]));
  const result = await importRoster(user, input.sectionId, lines, newAccounts);
  revalidatePath(`/sections/${input.sectionId}`);
  return result;
});

/** A lost slip: a new one-time password, only from the teacher who created the account, before anyone signed in. */
export const resetOneTimePasswordAction = action("teacher", resetOneTimePasswordSchema, async (input, user) => {
  const password = generateOneTimePassword();
  const student = await replaceOneTimePassword(user, input.sectionId, input.studentId, await hashPassword(password));
  return { studentId: student.id, name: student.name, email: student.email, password };
});

/** Withdraws an invitation the student has not accepted. */
export const cancelInvitationAction = action("teacher", cancelInvitationSchema, async (input, user) => {
  await cancelInvitation(user, input.sectionId, input.invitationId);
  revalidatePath(`/sections/${input.sectionId}`);
  return { cancelled: true };
});
