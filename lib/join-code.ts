/** Upper-case letters and digits without look-alikes (0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

/** Bytes below this map evenly onto the alphabet (31 × 8 = 248); the rest are drawn again. */
const UNBIASED_BELOW = 256 - (256 % JOIN_CODE_ALPHABET.length);

/**
 * Web Crypto, not node:crypto: the browser imports this module too (formatting, normalizing), and
 * an import of node:crypto put a 470 KB polyfill into those pages, with code the
 * Content-Security-Policy refuses (ADR 011).
 */
export function generateJoinCode(length = JOIN_CODE_LENGTH): string {
  let code = "";
  const bytes = new Uint8Array(length * 2);
  while (code.length < length) {
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < UNBIASED_BELOW && code.length < length) code += JOIN_CODE_ALPHABET[byte % JOIN_CODE_ALPHABET.length];
    }
  }
  return code;
}

/**
 * The code in a join link pasted whole into the code box ("https://…/join/ABCD2345?x#y" →
 * "ABCD2345"), as a student who was sent the link tends to do; anything else as it is. Only the
 * code is taken: the rest of the link, whatever site it names, is never used.
 */
function codeOfJoinLink(input: string): string {
  const at = input.toLowerCase().lastIndexOf("/join/");
  return at === -1 ? input : (input.slice(at + "/join/".length).split(/[/?#]/)[0] ?? "");
}

/**
 * Forgives what people do when typing or pasting a code: lower case, spaces, dashes of any kind (a
 * document's autocorrect makes "–" of "-", a Japanese keyboard "ー"), invisible characters a copy
 * brings along (a soft hyphen, a zero-width space), and the full-width letters and digits a
 * Chinese, Japanese or Korean keyboard types (NFKC makes "ＭＫＴＧ" "MKTG"), and the whole join link
 * pasted instead of its code.
 */
export function normalizeJoinCode(input: string): string {
  return codeOfJoinLink(input)
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\p{Pd}\u2212\u30fc\u00ad\u200b-\u200d\u2060\ufeff]/gu, "");
}

export function isJoinCodeShaped(code: string): boolean {
  return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}

/** "ABCD2345" → "ABCD-2345", easier to read aloud in class. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
