import { createHash } from "node:crypto";

/**
 * A stable shuffled order for anonymous grading: the same for every page load of one assignment,
 * different between assignments, and unrelated to names or join order.
 */
export function anonymousOrder(assignmentId: string, studentIds: string[]): Map<string, number> {
  const keyed = studentIds.map((id) => ({ id, key: createHash("sha256").update(`${assignmentId}:${id}`).digest("hex") }));
  keyed.sort((a, b) => a.key.localeCompare(b.key));
  return new Map(keyed.map((k, i) => [k.id, i + 1]));
}
