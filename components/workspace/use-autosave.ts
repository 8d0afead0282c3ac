"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { saveDraftAction } from "@/app/assignments/[assignmentId]/actions";
import type { Draft } from "@/lib/validations/workspace";
import { failureMessage } from "@/lib/action-result";

export type SaveStatus = "saved" | "unsaved" | "saving" | "retrying" | "conflict" | "blocked";

/** Another tab or device saved a newer draft; the student chooses which one to keep. */
export type Conflict = { theirs: Draft; theirsVersion: number };

type Options = { assignmentId: string; userId: string; draft: Draft; version: number; editable: boolean };

const SAVE_DELAY_MS = 1000;
const MAX_RETRY_MS = 15_000;

type LocalCopy = { draft: Draft; baseVersion: number };

/**
 * Keeps the draft safe: every change goes to localStorage at once and to the server within about
 * a second. Network failures retry with back-off (and as soon as the browser is back online); the
 * local copy stays until the server has the change, so closing the tab loses nothing. A save based
 * on an outdated version comes back as a conflict instead of overwriting the other tab's work.
 */
export function useAutosave({ assignmentId, userId, draft: initialDraft, version: initialVersion, editable }: Options) {
  const storageKey = `recap:draft:${userId}:${assignmentId}`;
  const [draft, setDraft] = useState(initialDraft);
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [message, setMessage] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const current = useRef(initialDraft);
  const version = useRef(initialVersion);
  const lastSaved = useRef(JSON.stringify(initialDraft));
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retryDelay = useRef(SAVE_DELAY_MS);
  const blocked = useRef(!editable);
  const conflicted = useRef(false);

  const writeLocal = useCallback(
    (next: Draft) => {
      try {
        localStorage.setItem(storageKey, JSON.stringify({ draft: next, baseVersion: version.current } satisfies LocalCopy));
      } catch {
        // Storage full or disabled (private mode): the server save still runs.
      }
    },
    [storageKey],
  );

  const save = useCallback(async (): Promise<void> => {
    if (blocked.current || conflicted.current) return;
    if (inFlight.current) {
      await inFlight.current;
      return save();
    }
    const snapshot = current.current;
    const serialized = JSON.stringify(snapshot);
    if (serialized === lastSaved.current) {
      setStatus("saved");
      return;
    }
    clearTimeout(timer.current);
    setStatus("saving");
    const attempt = (async () => {
      try {
        const result = await saveDraftAction({ assignmentId, baseVersion: version.current, draft: snapshot });
        if (!result.ok) {
          // Closed, returned, signed out, or invalid: retrying would not help. The local copy stays.
          blocked.current = true;
          setStatus("blocked");
          setMessage(failureMessage(result, "Your work could not be saved."));
          return;
        }
        if (!result.data.saved) {
          conflicted.current = true;
          setConflict({ theirs: result.data.conflict.draft, theirsVersion: result.data.conflict.version });
          setStatus("conflict");
          return;
        }
        version.current = result.data.version;
        lastSaved.current = serialized;
        retryDelay.current = SAVE_DELAY_MS;
        setSavedAt(new Date(result.data.savedAt));
        if (JSON.stringify(current.current) === serialized) {
          localStorage.removeItem(storageKey);
          setStatus("saved");
        } else {
          writeLocal(current.current);
          setStatus("unsaved");
          timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
        }
      } catch {
        // Network down or server unreachable: try again later, keeping the local copy.
        setStatus("retrying");
        timer.current = setTimeout(() => void save(), retryDelay.current);
        retryDelay.current = Math.min(retryDelay.current * 2, MAX_RETRY_MS);
      }
    })();
    inFlight.current = attempt;
    await attempt;
    inFlight.current = null;
  }, [assignmentId, storageKey, writeLocal]);

  const update = useCallback(
    (change: (draft: Draft) => Draft) => {
      if (blocked.current) return;
      const next = change(current.current);
      current.current = next;
      setDraft(next);
      writeLocal(next);
      if (!conflicted.current) setStatus("unsaved");
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [save, writeLocal],
  );

  /** "mine" keeps this tab's draft and saves it over the other; "theirs" loads the other one. */
  const resolveConflict = useCallback(
    (choice: "mine" | "theirs") => {
      if (!conflict) return;
      version.current = conflict.theirsVersion;
      conflicted.current = false;
      setConflict(null);
      if (choice === "theirs") {
        current.current = conflict.theirs;
        lastSaved.current = JSON.stringify(conflict.theirs);
        setDraft(conflict.theirs);
        localStorage.removeItem(storageKey);
        setStatus("saved");
      } else {
        writeLocal(current.current);
        void save();
      }
    },
    [conflict, save, storageKey, writeLocal],
  );

  /** Saves now and reports whether the server has the latest draft (used before submitting). */
  const flush = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    await save();
    return !conflicted.current && !blocked.current && JSON.stringify(current.current) === lastSaved.current;
  }, [save]);

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
    if (JSON.stringify(local.draft) === lastSaved.current) {
      localStorage.removeItem(storageKey);
      return;
    }
    current.current = local.draft;
    setDraft(local.draft);
    if (local.baseVersion === version.current) {
      setStatus("unsaved");
      setMessage("We restored changes from this device that hadn't been saved yet.");
      timer.current = setTimeout(() => void save(), 0);
    } else {
      // The server moved on (another device) while this device had unsaved changes.
      conflicted.current = true;
      setConflict({ theirs: initialDraft, theirsVersion: initialVersion });
      setStatus("conflict");
    }
    // Runs once per page load by design.
  }, []);

  useEffect(() => {
    const online = () => {
      retryDelay.current = SAVE_DELAY_MS;
      void save();
    };
    const hidden = () => {
      if (document.visibilityState === "hidden") void save();
    };
    const leaving = (event: BeforeUnloadEvent) => {
      if (JSON.stringify(current.current) !== lastSaved.current && !blocked.current) event.preventDefault();
    };
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("beforeunload", leaving);
    return () => {
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("beforeunload", leaving);
      clearTimeout(timer.current);
    };
  }, [save]);

  return { draft, update, status, message, savedAt, conflict, resolveConflict, flush, version: () => version.current };
}
