/**
 * Whether the grading screen's single-key shortcuts (letters, digits, "?") are on. A teacher who
 * dictates, or whose screen reader sends letters to the page, turns them off in the shortcuts
 * dialog (WCAG 2.1.4); the arrows and Esc stay. Kept in this browser, on by default; a browser
 * that keeps nothing (storage blocked) keeps them on.
 */
const KEY = "recap.grading.letter-keys";

export function letterKeysOn(): boolean {
  try {
    return localStorage.getItem(KEY) !== "off";
  } catch {
    return true;
  }
}

export function setLetterKeys(on: boolean) {
  try {
    if (on) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, "off");
  } catch {
    // Nowhere to keep it: the choice lasts as long as the dialog shows it.
  }
}
