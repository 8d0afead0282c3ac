"use server";

import { revalidatePath } from "next/cache";
import {
  changeRole,
  decideTeacherApproval,
  renameAccount,
  setAccountActive,
  setOneTimePassword,
  transferSection,
} from "@/db/queries/admin";
import { action } from "@/lib/server/action";
import { hashPassword } from "@/lib/password";
import { generateOneTimePassword } from "@/lib/roster";
import {
  accountIdSchema,
  approvalSchema,
  changeRoleSchema,
  renameAccountSchema,
  setActiveSchema,
  transferSectionSchema,
} from "@/lib/validations/admin";

// Every page under /admin shows accounts or sections: refresh them all.
const refresh = () => revalidatePath("/admin", "layout");

export const setAccountActiveAction = action("admin", setActiveSchema, async (input, user) => {
  const account = await setAccountActive(user, input.userId, input.active);
  refresh();
  return { active: account.active };
});

export const renameAccountAction = action("admin", renameAccountSchema, async (input, user) => {
  const account = await renameAccount(user, input.userId, input.name, input.from);
  refresh();
  return { name: account.name };
});

/** The new one-time password goes back once, to be handed to its owner; only its hash is kept. */
export const oneTimePasswordAction = action("admin", accountIdSchema, async (input, user) => {
  const password = generateOneTimePassword();
  await setOneTimePassword(user, input.userId, await hashPassword(password));
  refresh();
  return { password };
});

export const changeRoleAction = action("admin", changeRoleSchema, async (input, user) => {
  const account = await changeRole(user, input.userId, input.role);
  refresh();
  return { role: account.role };
});

export const decideApprovalAction = action("admin", approvalSchema, async (input, user) => {
  const account = await decideTeacherApproval(user, input.userId, input.decision, input.from);
  refresh();
  return { approval: account.approval };
});

export const transferSectionAction = action("admin", transferSectionSchema, async (input, user) => {
  const transfer = await transferSection(user, input.sectionId, input.teacherEmail, {
    confirmed: input.confirmed,
    fromTeacherId: input.fromTeacherId,
  });
  if (transfer.moved) refresh();
  return { teacherName: transfer.teacherName, teacherEmail: input.teacherEmail, moved: transfer.moved };
});
