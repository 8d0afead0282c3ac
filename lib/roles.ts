/** The two kinds of account. Here, not in db/schema, so forms in the browser can use them without the schema. */
export const ROLES = ["teacher", "student"] as const;
export type Role = (typeof ROLES)[number];
