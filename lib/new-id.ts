/**
 * A short id for a column, customer, question or criterion the teacher adds. Built from
 * crypto.getRandomValues because crypto.randomUUID only exists on HTTPS or localhost, and a school
 * may serve the app over plain HTTP on its network. Matches the lesson schema's id pattern.
 */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
