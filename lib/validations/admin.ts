import "../zod-jitless";
import { z } from "zod";
import { emailField, emailSchema, personNameSchema } from "./auth";
import { idSchema } from "./common";

/** How many accounts or sections one page of an administrator's list shows. */
export const ADMIN_PAGE_SIZE = 25;
export const ADMIN_SEARCH_MAX = 100;

/** Where an account stands, as the accounts list filters it. */
export const ACCOUNT_STATES = ["active", "deactivated", "pending", "refused"] as const;
export const ACCOUNT_ROLES = ["student", "teacher", "admin"] as const;
const SECTION_STATES = ["active", "archived"] as const;

/** A term with a character no stored text has is kept: it matches nothing (db/queries/admin.ts). */
const search = z
  .string()
  .trim()
  .max(ADMIN_SEARCH_MAX)
  .optional()
  .catch(undefined)
  .transform((v) => (v ? v : undefined));
const page = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

/** The accounts list's query string: anything unknown is ignored rather than refused (it is a link). */
export const accountFilterSchema = z.object({
  q: search,
  role: z.enum(ACCOUNT_ROLES).optional().catch(undefined),
  state: z.enum(ACCOUNT_STATES).optional().catch(undefined),
  page,
});
export type AccountFilter = z.output<typeof accountFilterSchema>;

export const sectionFilterSchema = z.object({
  q: search,
  state: z.enum(SECTION_STATES).optional().catch(undefined),
  page,
});
export type SectionFilter = z.output<typeof sectionFilterSchema>;

export const accountIdSchema = z.object({ userId: idSchema });

export const setActiveSchema = z.object({ userId: idSchema, active: z.boolean() });

/**
 * An account's name corrected by an administrator (a typo at sign-up or in an imported roster).
 * `from`: the name the page showed; if it has been changed since (another administrator), nothing is.
 */
export const renameAccountSchema = z.object({ userId: idSchema, name: personNameSchema, from: z.string().max(1000) });

export const changeRoleSchema = z.object({
  userId: idSchema,
  role: z.enum(["student", "teacher"], { error: "Choose student or teacher." }),
});

export const approvalSchema = z.object({
  userId: idSchema,
  decision: z.enum(["approved", "refused"], { error: "Approve or refuse." }),
  /** The account's state as the page showed it (decided since by another administrator: refused as stale). */
  from: z.enum(["pending", "refused"]),
});

export const transferSectionSchema = z.object({
  sectionId: idSchema,
  teacherEmail: emailField("Enter the new teacher's email."),
  /** false: only check the email and name its teacher, for the question before the transfer; true: transfer. */
  confirmed: z.boolean(),
  /** The section's teacher as the page showed it (moved since by another administrator: refused as stale). */
  fromTeacherId: idSchema,
});

/** `npm run admin -- create --email … --name …` */
export const createAdminSchema = z.object({ email: emailSchema, name: personNameSchema });
export const resetAdminSchema = createAdminSchema.pick({ email: true });
