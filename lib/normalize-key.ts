/**
 * A name as placeholders and rubric rows are matched by: case and spaces ignored, so [most ordered
 * drink] finds "Most Ordered Drink". A module of its own so that what needs only this (the grading
 * view's comment bank keys) does not bring the whole placeholder parser (./placeholders.ts) along.
 */
export function normalizeKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, "");
}
