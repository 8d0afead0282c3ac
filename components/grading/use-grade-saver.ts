"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { saveFeedbackAction, saveScoreAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useLeaveGuard } from "@/components/forms/use-leave-guard";
import { failureMessage, type Failure } from "@/lib/action-result";
import { createSaveEngine, type Conflict, type SaveAnswer, type SaveEngine, type SaveState, type SaveStatus } from "@/lib/save-engine";

export type ScoreValue = { points: number | null; comment: string };

/** Another teacher (or tab) saved first: their value, who and when. */
export type GradeConflict<T> = Conflict<T> & { by: string; at: string };

/** One saved field on screen: a criterion's score or the overall feedback. */
export type FieldSaver<T> = SaveState<T, GradeConflict<T>> & {
  /** Levels save at once (`immediate`), text after a short pause in typing. */
  change: (value: T, immediate: boolean) => void;
  /** After a conflict: keep this tab's value (saved over theirs) or take theirs. */
  resolve: (choice: "mine" | "theirs") => void;
};

type Options = {
  submissionId: string;
  scores: Record<string, ScoreValue>;
  versions: Record<string, number>;
  feedback: { text: string; version: number };
};
type Engine<T> = SaveEngine<T, GradeConflict<T>>;
/** What the panel needs of every field, whatever its value. */
type AnyEngine = Pick<Engine<unknown>, "getState" | "subscribe" | "flush" | "start" | "leave">;
type Reply<T> =
  | ({ ok: false } & Failure)
  | {
      ok: true;
      data: { saved: true; version: number } | { saved: false; conflict: { current: T; version: number; by: string; at: Date } };
    };

const DEBOUNCE_MS = 700;

/** Worst first: the one status line shows what most needs the teacher's attention. */
const PRIORITY: SaveStatus[] = ["conflict", "refused", "retrying", "saving", "unsaved"];

const toAnswer = <T>(reply: Reply<T>): SaveAnswer<GradeConflict<T>> => {
  if (!reply.ok) return { kind: "refused", message: failureMessage(reply, "Not saved.") };
  if (reply.data.saved) return { kind: "saved", version: reply.data.version };
  const { current, version, by, at } = reply.data.conflict;
  return { kind: "conflict", conflict: { theirs: current, version, by, at: new Date(at).toISOString() } };
};

const sameScore = (a: ScoreValue, b: ScoreValue) => a.points === b.points && a.comment === b.comment;

/**
 * Saves each criterion (level + comment) and the overall feedback in the background, each on its
 * own save engine (lib/save-engine.ts) with the version it was based on. Nothing blocks typing. A
 * stale save comes back as a conflict for that field only; network failures retry with back-off.
 * `flush()` waits for everything to land.
 */
export function useGradeSaver({ submissionId, scores, versions, feedback }: Options) {
  const [engines] = useState(() => ({
    scores: Object.fromEntries(
      Object.entries(scores).map(([criterionId, value]) => [
        criterionId,
        createSaveEngine<ScoreValue, GradeConflict<ScoreValue>>({
          value,
          version: versions[criterionId] ?? 0,
          delay: DEBOUNCE_MS,
          equals: sameScore,
          send: async (score, baseVersion) => toAnswer(await saveScoreAction({ submissionId, criterionId, ...score, baseVersion })),
        }),
      ]),
    ) as Record<string, Engine<ScoreValue>>,
    feedback: createSaveEngine<string, GradeConflict<string>>({
      value: feedback.text,
      version: feedback.version,
      delay: DEBOUNCE_MS,
      send: async (text, baseVersion) => toAnswer(await saveFeedbackAction({ submissionId, feedback: text, baseVersion })),
    }),
  }));
  const [all] = useState<AnyEngine[]>(() => [...Object.values(engines.scores), engines.feedback]);
  const states = useStates(all);

  useEffect(() => {
    const leaving = (event: BeforeUnloadEvent) => {
      if (all.some((engine) => engine.getState().status !== "saved")) event.preventDefault();
    };
    all.forEach((engine) => engine.start());
    window.addEventListener("beforeunload", leaving);
    return () => {
      window.removeEventListener("beforeunload", leaving);
      // A link to another page: a comment typed a moment ago is saved, not dropped with the pause.
      all.forEach((engine) => engine.leave());
    };
  }, [all]);

  const field = <T>(engine: Engine<T>): FieldSaver<T> => ({
    ...engine.getState(),
    change: (value, immediate) => engine.change(value, immediate ? 0 : DEBOUNCE_MS),
    resolve: engine.resolve,
  });

  const score = (criterionId: string) => {
    const engine = engines.scores[criterionId];
    if (!engine) throw new Error(`No score for criterion ${criterionId}`);
    return field(engine);
  };

  /** Saves everything now; true once the server has every field. */
  const flush = async () => {
    await Promise.all(all.map((engine) => engine.flush()));
    return all.every((engine) => engine.getState().status === "saved");
  };

  const overall: SaveStatus = PRIORITY.find((status) => states.some((s) => s.status === status)) ?? "saved";
  // Leaving sends what waits for the typing pause (above); what cannot be sent now (a conflict to
  // settle, a refusal, no connection) would be lost without a word, so a link asks first.
  useLeaveGuard(overall === "conflict" || overall === "refused" || overall === "retrying");
  return { score, feedback: field(engines.feedback), overall, flush };
}

/** Every engine's state, re-rendering when any of them changes. */
function useStates(engines: AnyEngine[]) {
  const [store] = useState(() => {
    let snapshot = engines.map((engine) => engine.getState());
    return {
      subscribe: (listener: () => void) => {
        const unsubscribes = engines.map((engine) => engine.subscribe(listener));
        return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
      },
      getSnapshot: () => {
        const states = engines.map((engine) => engine.getState());
        if (states.some((state, i) => state !== snapshot[i])) snapshot = states;
        return snapshot;
      },
    };
  });
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
