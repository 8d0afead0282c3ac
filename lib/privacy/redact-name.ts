/**
 * Takes a person's name out of free text (a teacher's banked comments, when a student is erased).
 * The whole name and the first name alone are matched as whole words, ignoring case and spacing:
 * "Erin" and "ERIN  Smith" go, "Erinn" and "Kerin" stay. A first name that is also a word ("Will")
 * goes wherever the word appears: on an erasure, removing too much is the safer mistake, and the
 * teacher sees the marker where it happened.
 */

export const REDACTED_NAME = "[student]";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The name, then its first word when there are several; a one-letter word is never matched on its own. */
function spellings(name: string): string[] {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const found = [words.join(" ")];
  if (words.length > 1) found.push(words[0]!);
  return found.filter((spelling) => [...spelling].length > 1);
}

/** The text with every whole-word occurrence of the name (or its first name) replaced by REDACTED_NAME. */
export function redactName(text: string, name: string): string {
  const names = spellings(name).map((spelling) => spelling.split(" ").map(escape).join("\\s+"));
  if (names.length === 0) return text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${names.join("|")})(?![\\p{L}\\p{N}_])`, "giu");
  return text.replace(pattern, REDACTED_NAME);
}
