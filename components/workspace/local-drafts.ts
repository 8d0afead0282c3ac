import { mayLeave } from "@/components/forms/use-leave-guard";

/**
 * Where a student's changes wait in this browser until the server has them (use-autosave.ts): one
 * entry per student and assignment, removed as soon as a save succeeds. Signing out removes them,
 * so the next person at a shared computer cannot read them.
 */
const PREFIX = "recap:draft:";
/**
 * When this browser last signed out (ms). A workspace opened before then, in this tab or another
 * (whose retries would write its changes back), keeps nothing more; one opened after it does.
 */
const SIGNED_OUT_AT = "recap:signed-out-at";

const UNSAVED_AT_SIGN_OUT =
  "Some of your changes have not reached the server yet. Signing out removes them from this computer. Sign out anyway?";

export function draftStorageKey(userId: string, assignmentId: string): string {
  return `${PREFIX}${userId}:${assignmentId}`;
}

/** Whether a workspace opened at `openedAt` may keep its waiting changes in this browser. */
export function mayKeepDrafts(openedAt: number): boolean {
  try {
    return Number(localStorage.getItem(SIGNED_OUT_AT) ?? 0) < openedAt;
  } catch {
    return true;
  }
}

/**
 * Before this browser signs out: if the student has changes still waiting for the server, asks
 * whether to go on (they are lost); else asks as leaving the page would, if an editor on it has
 * unsaved changes (mayLeave). One question either way: the waiting changes' covers the workspace's
 * own guard. Then removes them and stops every open workspace from writing them back. False when the
 * student chose to stay. `undo` is for a sign-out that then failed: the
 * workspaces keep their changes again from their next change on.
 */
export function leaveThisBrowser(userId: string): { undo: () => void } | false {
  let waiting: string[];
  try {
    waiting = Object.keys(localStorage).filter((key) => key.startsWith(`${PREFIX}${userId}:`));
  } catch {
    return mayLeave() && { undo: () => undefined }; // storage disabled: nothing was kept
  }
  if (!(waiting.length > 0 ? window.confirm(UNSAVED_AT_SIGN_OUT) : mayLeave())) return false;
  const before = localStorage.getItem(SIGNED_OUT_AT);
  localStorage.setItem(SIGNED_OUT_AT, String(Date.now()));
  for (const key of waiting) localStorage.removeItem(key);
  return {
    undo: () => {
      if (before === null) localStorage.removeItem(SIGNED_OUT_AT);
      else localStorage.setItem(SIGNED_OUT_AT, before);
    },
  };
}
