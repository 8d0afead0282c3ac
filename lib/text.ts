/** "1 student", "3 students": counts in sentences, on the server and in the browser. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Letters that no accent-stripping makes plain, spelled as a search would type them. */
const FOLDED_LETTERS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ħ: "h",
  ŧ: "t",
  // Greek's final sigma: JavaScript lowers a word's last "Σ" to "ς", PostgreSQL's lower() to "σ".
  ς: "σ",
};

/**
 * Text as a search compares it: lower case, without accents ("Hernández" → "hernandez", "Zoë" →
 * "zoe", "Łukasz" → "lukasz"), every kind of apostrophe as "'" (a phone types "O’Brien"). The same
 * function runs on the search term and, in SQL, on the stored text (db/sql.ts `contains`).
 * Only the combining accents of Latin, Greek and Cyrillic go (U+0300–U+036F); other scripts' marks are
 * part of the letter and stay, recomposed ("김민준", "が", "पूजा" are searched as typed).
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .replace(/[ßæœøłđðþıħŧς]/g, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .replace(/[‘’‛ʼʹ′`´]/g, "'");
}
