/**
 * The first message anywhere in a react-hook-form error tree. Editors with many small inputs
 * (table cells, rubric levels) show it once instead of a line under every input; errors on a
 * whole list sit under `root`, which this finds too.
 */
export function firstError(node: unknown): string | undefined {
  if (!node || typeof node !== "object") return undefined;
  const record = node as Record<string, unknown>;
  if (typeof record.message === "string" && record.message) return record.message;
  for (const [key, child] of Object.entries(record)) {
    if (key === "ref" || key === "types") continue; // `ref` is a DOM element, not part of the tree
    const found = firstError(child);
    if (found) return found;
  }
  return undefined;
}
