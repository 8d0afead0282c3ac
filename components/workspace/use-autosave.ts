"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { saveDraftAction } from "@/app/assignments/[assignmentId]/actions";
import { useLeaveGuard } from "@/components/forms/use-leave-guard";
import { failureMessage } from "@/lib/action-result";
import { createSaveEngine } from "@/lib/save-engine";
import type { Draft } from "@/lib/validations/workspace";
import { draftStorageKey, mayKeepDrafts } from "./local-drafts";

export type SaveStatus = "saved" | "unsaved" | "saving" | "retrying" | "conflict" | "blocked";

/** Another tab or device saved a newer draft; the student chooses which one to keep. */

type Options = { assignmentId: string; userId: string; draft: Draft; version: number; editable: boolean };

const SAVE_DELAY_MS = 1000;
const RESTORED = "We restored changes from this device that hadn't been saved yet.";

type LocalCopy = { draft: Draft; baseVersion: number };

/**
 * Keeps the draft safe: every change goes to localStorage at once and to the server within about
 * a second (lib/save-engine.ts). Network failures retry with back-off (and as soon as the browser
 * is back online); the local copy stays until the server has the change, so closing the tab loses
 * nothing. A save based on an outdated version comes back as a conflict instead of overwriting the
 * other tab's work. A refused save (closed, returned, signed out) blocks editing.
 */
/** What a refused save leaves: the words typed since the last save, on screen only. */
const ONLY_ON_THIS_PAGE =
  "What you changed since it was last saved is still on this page but was not saved: copy anything you want to keep before you leave.";

export function useAutosave({ assignmentId, userId, draft, version, editable }: Options) {
  const storageKey = draftStorageKey(userId, assignmentId);
  // A save refused because the session ended: the workspace offers to sign in again.
  const [signedOut, setSignedOut] = useState(false);
  const [engine] = useState(() =>
    createSaveEngine<Draft>({
      value: draft,
      version,
      delay: SAVE_DELAY_MS,
      send: async (value, baseVersion) => {
        const result = await saveDraftAction({ assignmentId, baseVersion, draft: value });
        if (!result.ok) {
          const ended = result.code === "unauthenticated";
          setSignedOut(ended);
          // Signed out, this browser keeps the changes for signing in again; any other refusal
          // (closed meanwhile, returned, handed in elsewhere) ends here: say what the page still holds.
          const message = failureMessage(result, "Your work could not be saved.");
          return { kind: "refused", message: ended ? message : `${message} ${ONLY_ON_THIS_PAGE}` };
        }
        if (!result.data.saved)
          return { kind: "conflict", conflict: { theirs: result.data.conflict.draft, version: result.data.conflict.version } };
        return { kind: "saved", version: result.data.version };
      },
    }),
  );
  const state = useSyncExternalStore(engine.subscribe, engine.getState, engine.getState);
  // After this browser signs out (in any tab), a workspace opened before then keeps nothing more.
  const [openedAt] = useState(() => Date.now());
  const [restored, setRestored] = useState(false);

  // The local copy mirrors what the server doesn't have yet, with the version it was based on.
  useEffect(() => {
    if (!editable) return;
    const mirror = () => {
      if (!mayKeepDrafts(openedAt)) return;
      try {
        if (engine.hasChanges()) {
          const { value, version: baseVersion } = engine.getState();
          localStorage.setItem(storageKey, JSON.stringify({ draft: value, baseVersion } satisfies LocalCopy));
        } else localStorage.removeItem(storageKey);
      } catch {
        // Storage full or disabled (private mode): the server save still runs.
      }
    };
    return engine.subscribe(mirror);
  }, [editable, engine, openedAt, storageKey]);

  // On load: bring back changes that never reached the server (tab closed, network down).
  useEffect(() => {
    if (!editable) return;
    let local: LocalCopy | null = null;
    try {
      local = JSON.parse(localStorage.getItem(storageKey) ?? "null") as LocalCopy | null;
    } catch {
      local = null;
    }
    if (!local?.draft) return;
    engine.restore(local.draft, local.baseVersion);
    if (!engine.hasChanges()) localStorage.removeItem(storageKey);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser, after hydration
    else if (engine.getState().status !== "conflict") setRestored(true);
  }, [editable, engine, storageKey]);

  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === "hidden") void engine.flush();
    };
    const leaving = (event: BeforeUnloadEvent) => {
      if (editable && engine.getState().status !== "refused" && engine.hasChanges()) event.preventDefault();
    };
    engine.start();
    window.addEventListener("online", engine.reconnected);
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("beforeunload", leaving);
    mounted.current = true;
    return () => {
      mounted.current = false;
      window.removeEventListener("online", engine.reconnected);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("beforeunload", leaving);
      // A link to another page of the app (beforeunload never fires for it): the sentence typed a
      // moment ago is sent now, once, instead of waiting in this browser only.
      if (editable) engine.leave();
      else engine.stop();
    };
  }, [editable, engine]);
  // What leaving can't send (a conflict waiting for the student's choice, no connection) would stay
  // in this browser only: a link asks first, as a reload does.
  useLeaveGuard(editable && (state.status === "conflict" || state.status === "retrying"));

  // An edit that arrives after the workspace has gone (Undo in a toast, which outlives the page) has
  // nothing to save into: the engine is stopped and nothing on screen would show it.
  const mounted = useRef(false);
  const update = useCallback(
    (change: (draft: Draft) => Draft) => {
      if (!mounted.current || !editable || engine.getState().status === "refused") return;
      engine.change(change(engine.getState().value));
    },
    [editable, engine],
  );

  /** "mine" keeps this tab's draft and saves it over the other; "theirs" loads the other one. */
  const resolveConflict = useCallback((choice: "mine" | "theirs") => engine.resolve(choice), [engine]);

  /** Saves now and reports whether the server has the latest draft (used before submitting). */
  const flush = useCallback(async () => editable && (await engine.flush()), [editable, engine]);

  const status: SaveStatus = state.status === "refused" ? "blocked" : state.status;
  return {
    draft: state.value,
    update,
    status,
    message: status === "blocked" ? state.message : restored ? RESTORED : null,
    signedOut: status === "blocked" && signedOut,
    conflict: state.conflict,
    resolveConflict,
    flush,
    version: () => engine.getState().version,
    /** The version the server last acknowledged (the page's until this tab saves). */
    savedVersion: state.version,
  };
}
