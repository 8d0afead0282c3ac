/** The kinds of account. Here, not in db/schema, so forms in the browser can use them without the schema. */
export const ROLES = ["teacher", "student", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What anyone can sign up as: an administrator is only ever made by another (or by `npm run admin`). */
export const SIGN_UP_ROLES = ["teacher", "student"] as const;
export type SignUpRole = (typeof SIGN_UP_ROLES)[number];

/** Why another administrator's password isn't replaced from the app's pages, and how it is (scripts/admin.ts). */
export function adminPasswordResetHint(email: string): string {
  return `An administrator's password can't be replaced here, so that no administrator can sign in as another. Whoever runs the server resets it with: npm run admin -- reset --email ${email}`;
}

/** Where a teacher account stands with the school: sign-up with TEACHER_SIGNUP=approval starts at "pending". */
export const APPROVAL_STATES = ["approved", "pending", "refused"] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** What the access log records (db/queries/access-log.ts). */
export const ACCESS_ACTIONS = [
  "view_work",
  "grade",
  "excuse",
  "extend",
  "export_grades",
  "export_roster",
  "export_data",
  "schedule_erasure",
  "cancel_erasure",
  "erase",
  "account",
  "transfer_section",
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
