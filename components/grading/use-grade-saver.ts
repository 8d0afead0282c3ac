"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { saveFeedbackAction, saveScoreAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { failureMessage } from "@/lib/action-result";

export type ScoreValue = { points: number | null; comment: string };
type Values = { [criterionId: string]: ScoreValue };
export type FieldStatus = "saved" | "dirty" | "saving" | "retrying" | "conflict" | "error";
export type FieldConflict<T> = { current: T; version: number; by: string; at: string };

type Field<T> = { value: T; version: number; status: FieldStatus; conflict?: FieldConflict<T>; error?: string };

const FEEDBACK = "__feedback";
const DEBOUNCE_MS = 700;

/**
 * Saves each criterion (level + comment) and the overall feedback in the background, each with the
 * version it was based on. Nothing blocks typing. A stale save comes back as a conflict for that
 * field only; network failures retry with back-off. `flush()` waits for everything to land.
 */
export function useGradeSaver(submissionId: string, initialScores: Values, versions: Record<string, number>, feedback: { text: string; version: number }) {
  const [fields, setFields] = useState<Record<string, Field<ScoreValue | string>>>(() => ({
    ...Object.fromEntries(Object.entries(initialScores).map(([id, value]) => [id, { value, version: versions[id] ?? 0, status: "saved" as const }])),
    [FEEDBACK]: { value: feedback.text, version: feedback.version, status: "saved" },
  }));
  // The latest values and statuses, read by saves and flush() between renders: `patch` writes it
  // first, then hands the same object to React (an updater function may only run at the next
  // render, which left flush() reading old statuses and refusing to move on after a save landed).
  const ref = useRef(fields);
  const timers = useRef<Record<string, ReturnType<typeof setTimeout>>>({});
  const inFlight = useRef<Record<string, Promise<void> | undefined>>({});
  const retry = useRef<Record<string, number>>({});

  const patch = (key: string, change: Partial<Field<ScoreValue | string>>) => {
    const next = { ...ref.current, [key]: { ...ref.current[key]!, ...change } };
    ref.current = next;
    setFields(next);
  };

  const save = useCallback(
    async (key: string): Promise<void> => {
      if (inFlight.current[key]) {
        await inFlight.current[key];
        return save(key);
      }
      const field = ref.current[key];
      if (!field || field.status !== "dirty") return;
      const sent = field.value;
      patch(key, { status: "saving" });
      const attempt = (async () => {
        try {
          const result =
            key === FEEDBACK
              ? await saveFeedbackAction({ submissionId, feedback: sent as string, baseVersion: field.version })
              : await saveScoreAction({ submissionId, criterionId: key, ...(sent as ScoreValue), baseVersion: field.version });
          if (!result.ok) {
            patch(key, { status: "error", error: failureMessage(result, "Not saved.") });
            return;
          }
          retry.current[key] = 0;
          if (!result.data.saved) {
            const c = result.data.conflict;
            patch(key, { status: "conflict", conflict: { current: c.current, version: c.version, by: c.by, at: new Date(c.at).toISOString() } });
            return;
          }
          const changedMeanwhile = JSON.stringify(ref.current[key]!.value) !== JSON.stringify(sent);
          patch(key, { version: result.data.version, status: changedMeanwhile ? "dirty" : "saved", error: undefined });
          if (changedMeanwhile) timers.current[key] = setTimeout(() => void save(key), 0);
        } catch {
          const delay = Math.min(1000 * 2 ** (retry.current[key] ?? 0), 15_000);
          retry.current[key] = (retry.current[key] ?? 0) + 1;
          patch(key, { status: "retrying" });
          timers.current[key] = setTimeout(() => {
            patch(key, { status: "dirty" });
            void save(key);
          }, delay);
        }
      })();
      inFlight.current[key] = attempt;
      await attempt;
      inFlight.current[key] = undefined;
    },
    [submissionId],
  );

  /** Changes a field; levels save at once, text after a short pause in typing. */
  const change = useCallback(
    (key: string, value: ScoreValue | string, immediate: boolean) => {
      const field = ref.current[key];
      if (field?.status === "conflict") {
        patch(key, { value });
        return;
      }
      patch(key, { value, status: "dirty" });
      clearTimeout(timers.current[key]);
      timers.current[key] = setTimeout(() => void save(key), immediate ? 0 : DEBOUNCE_MS);
    },
    [save],
  );

  /** After a conflict: keep this tab's value (saved over theirs) or take theirs. */
  const resolve = useCallback(
    (key: string, choice: "mine" | "theirs") => {
      const field = ref.current[key];
      if (!field?.conflict) return;
      if (choice === "theirs") patch(key, { value: field.conflict.current, version: field.conflict.version, status: "saved", conflict: undefined });
      else {
        patch(key, { version: field.conflict.version, status: "dirty", conflict: undefined });
        void save(key);
      }
    },
    [save],
  );

  const flush = useCallback(async () => {
    const keys = Object.keys(ref.current);
    for (const key of keys) clearTimeout(timers.current[key]);
    await Promise.all(keys.map((key) => save(key)));
    return Object.values(ref.current).every((f) => f.status === "saved");
  }, [save]);

  useEffect(() => {
    const leaving = (event: BeforeUnloadEvent) => {
      if (Object.values(ref.current).some((f) => f.status !== "saved")) event.preventDefault();
    };
    window.addEventListener("beforeunload", leaving);
    const all = timers.current;
    return () => {
      window.removeEventListener("beforeunload", leaving);
      Object.values(all).forEach(clearTimeout);
    };
  }, []);

  const statuses = Object.values(fields).map((f) => f.status);
  const overall: FieldStatus = (["conflict", "error", "retrying", "saving", "dirty"] as const).find((s) => statuses.includes(s)) ?? "saved";
  const score = (criterionId: string) => (fields[criterionId] ?? { value: { points: null, comment: "" }, version: 0, status: "saved" }) as Field<ScoreValue>;
  const feedbackField = fields[FEEDBACK] as Field<string>;
  return { score, feedback: feedbackField, change, resolve, flush, overall, FEEDBACK };
}
