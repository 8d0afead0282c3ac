/**
 * Where a student's changes wait in this browser until the server has them (use-autosave.ts): one
 * entry per student and assignment, removed as soon as a save succeeds.
 */
const PREFIX = "recap:draft:";

export function draftStorageKey(userId: string, assignmentId: string): string {
  return `${PREFIX}${userId}:${assignmentId}`;
}

/** The keys of this student's changes that have not reached the server yet ([] where storage is off). */
export function waitingDraftKeys(userId: string): string[] {
  try {
    return Object.keys(localStorage).filter((key) => key.startsWith(`${PREFIX}${userId}:`));
  } catch {
    return [];
  }
}

/** Set while signing out: the workspace stops writing waiting changes (its retries would write them back). */
let signingOut = false;

export function mayKeepDrafts(): boolean {
  return !signingOut;
}

/** Sign-out failed and the page stays: waiting changes are kept again from their next change on. */
export function keepDraftsAgain(): void {
  signingOut = false;
}

/** Removes those changes from this browser (signing out of a shared computer), and keeps no more. */
export function forgetWaitingDrafts(keys: string[]): void {
  signingOut = true;
  for (const key of keys) {
    try {
      localStorage.removeItem(key);
    } catch {
      // Storage disabled: nothing was kept.
    }
  }
}
