"use client";

import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import { DatasetTable } from "@/components/lesson/dataset-table";
import { Button } from "@/components/ui/button";
import { toast, useUndoToast } from "@/components/ui/toast";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import type { Dataset } from "@/lib/lesson/types";
import { newId } from "@/lib/new-id";
import { WORK_LIMITS } from "@/lib/validations/limits";
import type { Draft } from "@/lib/validations/workspace";
import type { StepProps } from "./step-props";

type Idea = Draft["ideas"][number];

type Props = StepProps & {
  /** Reasons of datapoints unticked this visit, by column id: the workspace keeps them while it is open. */
  removedReasons: RefObject<Map<string, string>>;
};

/** Work that can no longer change, shown whole: it wraps where a field would cut it off. */
const READ_ONLY_TEXT = "rounded-md bg-slate-50 px-3 py-2 text-sm wrap-anywhere whitespace-pre-wrap ring-1 ring-slate-200";

export function IdeationStep({ draft, update, readOnly, content, removedReasons }: Props) {
  const [idea, setIdea] = useState("");
  const offerUndo = useUndoToast();
  const focusWhenShown = useFocusWhenShown();
  const dataset: Dataset = content.dataset;
  const datapoints = dataset.columns.filter((c) => c.id !== dataset.nameColumnId);
  // A pick of a column the teacher has since removed from the table can't be seen or unticked here:
  // it must not count towards the three, or every other box would stay disabled.
  const isDatapoint = (p: Draft["picks"][number]) => datapoints.some((c) => c.id === p.columnId);
  const picks = draft.picks.filter(isDatapoint);
  const picked = new Set(picks.map((p) => p.columnId));

  /** Adds the text as an idea (false when there is none, or the list is full: then the box keeps it). */
  const keep = (typed: string) => {
    const text = typed.trim();
    if (!text || draft.ideas.length >= WORK_LIMITS.ideas) return false;
    update((d) => (d.ideas.length >= WORK_LIMITS.ideas ? d : { ...d, ideas: [...d.ideas, { id: newId("idea"), text }] }));
    return true;
  };
  const addIdea = () => keep(idea) && setIdea("");
  // An idea typed but not added is the student's work too: it joins the list when they go to
  // another step or leave the page (a link, a reload, a closed tab), instead of vanishing from the box.
  const typed = useRef(idea);
  useEffect(() => {
    typed.current = idea;
  }, [idea]);
  const keepRef = useRef(keep);
  useEffect(() => {
    keepRef.current = keep;
  });
  // A layout effect: when a link leaves the whole workspace, its cleanup runs before the workspace's
  // own (passive) ones, while the draft still takes changes and before the last one is sent.
  useLayoutEffect(() => {
    const leave = () => {
      if (!keepRef.current(typed.current)) return;
      typed.current = "";
      setIdea(""); // kept for a page that comes back from the browser's cache: once in the list, not again in the box
    };
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, []);
  // Removed at once, with Undo in the toast; focus goes to the idea that took its place, or to the
  // new-idea box when it was the last. Undo puts it back after the idea it followed.
  const removeIdea = (item: Idea, index: number) => {
    const after = draft.ideas[index - 1]?.id ?? null;
    update((d) => ({ ...d, ideas: d.ideas.filter((x) => x.id !== item.id) }));
    requestAnimationFrame(() => (document.getElementById(`remove-idea-${index + 1}`) ?? document.getElementById("new-idea"))?.focus());
    offerUndo(`Idea removed: “${item.text.length > 40 ? `${item.text.slice(0, 40)}…` : item.text}”`, () => restoreIdea(item, after, index));
  };
  const restoreIdea = (item: Idea, after: string | null, index: number) => {
    let full = false;
    // `update` runs its change at once, on the latest draft (./use-autosave.ts).
    update((d) => {
      if (d.ideas.some((x) => x.id === item.id)) return d;
      if (d.ideas.length >= WORK_LIMITS.ideas) {
        full = true;
        return d;
      }
      const at = after === null ? 0 : d.ideas.findIndex((x) => x.id === after) + 1 || Math.min(index, d.ideas.length);
      return { ...d, ideas: [...d.ideas.slice(0, at), item, ...d.ideas.slice(at)] };
    });
    if (full) toast.error(`You already have ${WORK_LIMITS.ideas} ideas: remove one to bring this one back.`);
    else focusWhenShown(`idea-${item.id}`);
  };

  // Unticking a datapoint keeps its reason for the rest of the visit: ticking it again brings it back.
  const togglePick = (columnId: string, on: boolean) => {
    const removed = draft.picks.find((p) => p.columnId === columnId)?.reason;
    if (!on && removed !== undefined) removedReasons.current.set(columnId, removed);
    const reason = on ? (removedReasons.current.get(columnId) ?? "") : "";
    update((d): Draft => ({
      ...d,
      picks: on
        ? [...d.picks.filter(isDatapoint), { columnId, reason }].slice(0, WORK_LIMITS.picks)
        : d.picks.filter((p) => p.columnId !== columnId),
    }));
  };

  return (
    <div className="space-y-6">
      <section aria-labelledby="data-heading">
        <h3 id="data-heading" className="font-semibold">
          The loyalty club&apos;s data
        </h3>
        <p className="mb-2 text-sm text-slate-600">Five members, and what the shop knows about each of them.</p>
        <DatasetTable dataset={dataset} highlight={[...picked]} caption="Loyalty club members" />
      </section>

      <section aria-labelledby="brainstorm-heading">
        <h3 id="brainstorm-heading" className="font-semibold">
          Brainstorm
        </h3>
        <p className="text-sm text-slate-600">Which facts would a customer smile at, or want to share? Jot down every idea.</p>
        <ul className="mt-2 space-y-2" aria-label="Your ideas">
          {draft.ideas.map((item, i) =>
            readOnly ? (
              // Read-only, an idea is text that wraps: a disabled one-line field cut it off, out of reach.
              <li key={item.id} className={READ_ONLY_TEXT}>
                {item.text.trim() || <span className="text-slate-500 italic">Empty idea</span>}
              </li>
            ) : (
              <li key={item.id} className="flex gap-2">
                <input
                  id={`idea-${item.id}`}
                  aria-label={`Idea ${i + 1}`}
                  value={item.text}
                  maxLength={WORK_LIMITS.idea}
                  onChange={(e) =>
                    update((d) => ({ ...d, ideas: d.ideas.map((x) => (x.id === item.id ? { ...x, text: e.target.value } : x)) }))
                  }
                  className="min-w-0 flex-1 rounded-md px-3 py-2 text-base sm:text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none disabled:bg-slate-50"
                />
                <Button variant="ghost" id={`remove-idea-${i + 1}`} aria-label={`Remove idea ${i + 1}`} onClick={() => removeIdea(item, i)}>
                  ✕
                </Button>
              </li>
            ),
          )}
        </ul>
        {readOnly && draft.ideas.length === 0 && <p className="mt-2 text-sm text-slate-500">No ideas written.</p>}
        {!readOnly && (
          <div className="mt-2 flex gap-2">
            <label htmlFor="new-idea" className="sr-only">
              New idea
            </label>
            <input
              id="new-idea"
              value={idea}
              maxLength={WORK_LIMITS.idea}
              placeholder="e.g. their earliest order of the year"
              onChange={(e) => setIdea(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  addIdea();
                }
              }}
              className="min-w-0 flex-1 rounded-md px-3 py-2 text-base sm:text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
            />
            <Button variant="secondary" onClick={addIdea} disabled={!idea.trim() || draft.ideas.length >= WORK_LIMITS.ideas}>
              Add idea
            </Button>
          </div>
        )}
      </section>

      <fieldset aria-describedby="picks-hint">
        <legend className="font-semibold">Choose three datapoints</legend>
        <p id="picks-hint" className="text-sm text-slate-600" aria-live="polite">
          {picks.length} of 3 chosen. For each, say in a line why customers would enjoy seeing it.
        </p>
        <ul className="mt-3 grid gap-2">
          {datapoints.map((column) => {
            const pick = picks.find((p) => p.columnId === column.id);
            const full = !pick && picks.length >= WORK_LIMITS.picks;
            return (
              <li key={column.id} className={`rounded-md p-3 ring-1 ${pick ? "bg-indigo-50 ring-indigo-300" : "ring-slate-200"}`}>
                <label className="flex items-center gap-2 text-sm font-medium">
                  <input
                    type="checkbox"
                    checked={Boolean(pick)}
                    disabled={readOnly || full}
                    onChange={(e) => togglePick(column.id, e.target.checked)}
                    className="size-4 accent-indigo-600"
                  />
                  {column.name}
                </label>
                {pick && readOnly && (
                  <div className="mt-2">
                    <p className="text-xs text-slate-600">Why would customers enjoy &ldquo;{column.name}&rdquo;?</p>
                    <p data-testid={`reason-${column.id}`} className={`mt-1 ${READ_ONLY_TEXT}`}>
                      {pick.reason.trim() || <span className="text-slate-500 italic">No reason written</span>}
                    </p>
                  </div>
                )}
                {pick && !readOnly && (
                  <div className="mt-2">
                    <label htmlFor={`reason-${column.id}`} className="text-xs text-slate-600">
                      Why would customers enjoy &ldquo;{column.name}&rdquo;?
                    </label>
                    <input
                      id={`reason-${column.id}`}
                      value={pick.reason}
                      maxLength={WORK_LIMITS.reason}
                      onChange={(e) =>
                        update((d) => ({
                          ...d,
                          picks: d.picks.map((p) => (p.columnId === column.id ? { ...p, reason: e.target.value } : p)),
                        }))
                      }
                      className="mt-1 block w-full rounded-md px-3 py-2 text-base sm:text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none disabled:bg-slate-50"
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}
