"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import {
  bankCommentAction,
  deleteBankedCommentAction,
  editBankedCommentAction,
  reopenWorkAction,
  returnWorkAction,
} from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { criterionKey } from "@/lib/grading";
import type { Rubric } from "@/lib/lesson/types";
import { rubricMaximum } from "@/lib/lesson/types";
import { GRADING_LIMITS } from "@/lib/validations/grading";
import { useGradeSaver, type FieldConflict, type FieldStatus, type ScoreValue } from "./use-grade-saver";

export type Banked = { id: string; criterionKey: string; text: string };

type Props = {
  sectionId: string;
  assignmentId: string;
  submissionId: string;
  rubric: Rubric;
  scores: Record<string, ScoreValue>;
  versions: Record<string, number>;
  feedback: { text: string; version: number };
  hints: Record<string, string[]>;
  bank: Banked[];
  returned: boolean;
  submitted: boolean;
  prevHref: string | null;
  nextHref: string | null;
  nextUngradedHref: string | null;
};

const STATUS_TEXT: Record<FieldStatus, string> = {
  saved: "All changes saved",
  dirty: "Saving…",
  saving: "Saving…",
  retrying: "Not saved — retrying",
  conflict: "Changed elsewhere — choose below",
  error: "Not saved",
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

export function GradingPanel(props: Props) {
  const { rubric, submissionId } = props;
  const router = useRouter();
  const saver = useGradeSaver(submissionId, props.scores, props.versions, props.feedback);
  const [focused, setFocused] = useState(0);
  const [help, setHelp] = useState(false);
  const [bankOpen, setBankOpen] = useState<string | null>(null);
  const [bank, setBank] = useState(props.bank);
  const { run, pending } = useRunAction();
  const criterionRefs = useRef<(HTMLElement | null)[]>([]);

  const total = rubric.criteria.reduce((sum, c) => sum + (saver.score(c.id).value.points ?? 0), 0);
  const scored = rubric.criteria.filter((c) => saver.score(c.id).value.points !== null).length;

  const go = useCallback(
    async (href: string | null) => {
      if (!href) return;
      // Background saves land before we leave, so "score, score, score, score, next" loses nothing.
      if (!(await saver.flush())) {
        toast.error("Some changes aren't saved yet. Resolve them before moving on.");
        return;
      }
      router.push(href);
    },
    [router, saver],
  );

  const setLevel = useCallback(
    (index: number, points: number) => {
      const criterion = rubric.criteria[index];
      if (!criterion || !criterion.levels.some((l) => l.points === points)) return;
      saver.change(criterion.id, { ...saver.score(criterion.id).value, points }, true);
      const next = Math.min(index + 1, rubric.criteria.length - 1);
      setFocused(next);
      criterionRefs.current[next]?.focus();
    },
    [rubric, saver],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTyping(event.target)) {
        if (event.key === "Escape") (event.target as HTMLElement).blur();
        return;
      }
      const key = event.key;
      const move = (index: number) => {
        const clamped = Math.max(0, Math.min(rubric.criteria.length - 1, index));
        setFocused(clamped);
        criterionRefs.current[clamped]?.focus();
      };
      if (/^[0-9]$/.test(key)) setLevel(focused, Number(key));
      else if (key === "ArrowDown") move(focused + 1);
      else if (key === "ArrowUp") move(focused - 1);
      else if (key === "ArrowRight" || key === "j" || key === "J") void go(props.nextHref);
      else if (key === "ArrowLeft" || key === "k" || key === "K") void go(props.prevHref);
      else if (key === "n" || key === "N") void go(props.nextUngradedHref);
      else if (key === "c" || key === "C") document.getElementById(`comment-${rubric.criteria[focused]?.id}`)?.focus();
      else if (key === "b" || key === "B") setBankOpen((open) => (open === rubric.criteria[focused]?.id ? null : (rubric.criteria[focused]?.id ?? null)));
      else if (key === "?") setHelp((h) => !h);
      else if (key === "Escape") setHelp(false);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [focused, go, props.nextHref, props.prevHref, props.nextUngradedHref, rubric, setLevel]);

  const insertBanked = (criterionId: string, text: string) => {
    const current = saver.score(criterionId).value;
    const comment = (current.comment.trim() ? `${current.comment.trim()}\n${text}` : text).slice(0, GRADING_LIMITS.comment);
    saver.change(criterionId, { ...current, comment }, true);
    setBankOpen(null);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-lg font-semibold" data-testid="grade-total" aria-live="polite">
          {total} / {rubricMaximum(rubric)} <span className="text-sm font-normal text-slate-600">({scored} of {rubric.criteria.length} scored)</span>
        </p>
        <p role="status" data-testid="grade-save-status" className={`text-sm ${saver.overall === "saved" ? "text-slate-600" : saver.overall === "dirty" || saver.overall === "saving" ? "text-slate-700" : "font-semibold text-red-700"}`}>
          {STATUS_TEXT[saver.overall]}
        </p>
      </div>

      <ol className="space-y-3" aria-label="Rubric">
        {rubric.criteria.map((criterion, index) => {
          const field = saver.score(criterion.id);
          const key = criterionKey(criterion.title);
          const banked = bank.filter((b) => b.criterionKey === key);
          return (
            <li
              key={criterion.id}
              ref={(el) => {
                criterionRefs.current[index] = el;
              }}
              tabIndex={-1}
              onFocus={() => setFocused(index)}
              onClick={() => setFocused(index)}
              aria-label={`${criterion.title}${field.value.points !== null ? `, ${field.value.points} points` : ", not scored"}`}
              data-testid={`criterion-${criterion.id}`}
              className={`rounded-lg bg-white p-3 ring-1 outline-none ${focused === index ? "ring-2 ring-indigo-500" : "ring-slate-200"}`}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="font-semibold">{criterion.title}</h3>
                {props.hints[criterion.id]?.length ? (
                  <p className="text-xs text-slate-600" data-testid={`hint-${criterion.id}`}>
                    {props.hints[criterion.id]!.join(" · ")}
                  </p>
                ) : null}
              </div>
              <div role="radiogroup" aria-label={`${criterion.title} level`} className="mt-2 grid gap-2 sm:grid-cols-3">
                {[...criterion.levels]
                  .sort((a, b) => b.points - a.points)
                  .map((level) => {
                    const chosen = field.value.points === level.points;
                    return (
                      <button
                        key={level.points}
                        type="button"
                        role="radio"
                        aria-checked={chosen}
                        onClick={() => setLevel(index, level.points)}
                        className={`rounded-md p-2 text-left text-sm ring-1 ${chosen ? "bg-indigo-600 text-white ring-indigo-600" : "bg-slate-50 ring-slate-200 hover:bg-indigo-50"}`}
                      >
                        <span className="block font-semibold">
                          {level.points} {level.label && `· ${level.label}`}
                        </span>
                        <span className={`block text-xs ${chosen ? "text-indigo-100" : "text-slate-600"}`}>{level.descriptor}</span>
                      </button>
                    );
                  })}
              </div>
              {field.conflict && <ConflictNotice conflict={field.conflict as FieldConflict<ScoreValue>} mine={field.value} onResolve={(c) => saver.resolve(criterion.id, c)} />}
              <label htmlFor={`comment-${criterion.id}`} className="mt-2 block text-xs font-medium text-slate-600">
                Comment on {criterion.title}
              </label>
              <textarea
                id={`comment-${criterion.id}`}
                rows={2}
                maxLength={GRADING_LIMITS.comment}
                value={field.value.comment}
                onChange={(e) => saver.change(criterion.id, { ...field.value, comment: e.target.value }, false)}
                className="mt-1 block w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
              />
              {field.error && <p className="mt-1 text-sm text-red-700">{field.error}</p>}
              <div className="mt-1 flex flex-wrap gap-2 text-xs">
                <button type="button" className="font-medium text-indigo-700 underline" aria-expanded={bankOpen === criterion.id} onClick={() => setBankOpen(bankOpen === criterion.id ? null : criterion.id)}>
                  Comment bank ({banked.length})
                </button>
                <button
                  type="button"
                  className="font-medium text-indigo-700 underline disabled:text-slate-400 disabled:no-underline"
                  disabled={!field.value.comment.trim() || pending}
                  onClick={() =>
                    run(bankCommentAction, { criterionTitle: criterion.title, text: field.value.comment.trim() }, (row) => {
                      setBank((list) => (list.some((b) => b.id === row.id) ? list : [...list, row]));
                      toast.success(`Saved to your ${criterion.title} comments.`);
                    })
                  }
                >
                  Save comment to bank
                </button>
              </div>
              {bankOpen === criterion.id && (
                <ul className="mt-2 space-y-1 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200" aria-label={`${criterion.title} comment bank`}>
                  {banked.length === 0 && <li className="text-xs text-slate-600">No saved comments for {criterion.title} yet.</li>}
                  {banked.map((b, i) => (
                    <BankedItem
                      key={b.id}
                      comment={b}
                      autoFocus={i === 0}
                      onInsert={() => insertBanked(criterion.id, b.text)}
                      onChanged={(text) => setBank((list) => (text === null ? list.filter((x) => x.id !== b.id) : list.map((x) => (x.id === b.id ? { ...x, text } : x))))}
                    />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>

      <div>
        <label htmlFor="overall-feedback" className="block font-semibold">
          Overall feedback
        </label>
        <textarea
          id="overall-feedback"
          rows={4}
          maxLength={GRADING_LIMITS.feedback}
          value={saver.feedback.value}
          onChange={(e) => saver.change(saver.FEEDBACK, e.target.value, false)}
          className="mt-1 block w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
        {saver.feedback.conflict && (
          <ConflictNotice conflict={{ ...saver.feedback.conflict, current: { points: null, comment: saver.feedback.conflict.current } }} mine={{ points: null, comment: saver.feedback.value }} onResolve={(c) => saver.resolve(saver.FEEDBACK, c)} />
        )}
      </div>

      <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-3">
        {props.submitted && !props.returned && (
          <Button
            pending={pending}
            onClick={async () => {
              if (!(await saver.flush())) return toast.error("Some changes aren't saved yet.");
              run(returnWorkAction, { sectionId: props.sectionId, assignmentId: props.assignmentId, submissionIds: [submissionId] }, () => {
                toast.success("Returned to the student.");
                router.refresh();
              });
            }}
          >
            Return to student
          </Button>
        )}
        {props.returned && (
          <Button variant="secondary" pending={pending} onClick={() => run(reopenWorkAction, { submissionId }, () => (toast.success("Reopened: the student can change and resubmit."), router.refresh()))}>
            Reopen for resubmission
          </Button>
        )}
        <Button variant="secondary" onClick={() => go(props.prevHref)} disabled={!props.prevHref}>
          ← Previous
        </Button>
        <Button variant="secondary" onClick={() => go(props.nextHref)} disabled={!props.nextHref}>
          Next →
        </Button>
        <Button variant="secondary" onClick={() => go(props.nextUngradedHref)} disabled={!props.nextUngradedHref}>
          Next ungraded (N)
        </Button>
        <Button variant="ghost" onClick={() => setHelp(true)} aria-haspopup="dialog">
          Shortcuts (?)
        </Button>
      </div>

      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

/** One banked comment: insert it (click or Enter), edit it in place, or delete it. */
function BankedItem({ comment, autoFocus, onInsert, onChanged }: { comment: Banked; autoFocus: boolean; onInsert: () => void; onChanged: (text: string | null) => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment.text);
  const { run, pending } = useRunAction();
  if (editing) {
    return (
      <li className="flex flex-wrap items-start gap-2 text-sm">
        <label htmlFor={`bank-${comment.id}`} className="sr-only">
          Edit banked comment
        </label>
        <textarea
          id={`bank-${comment.id}`}
          autoFocus
          rows={2}
          value={text}
          maxLength={GRADING_LIMITS.bankedComment}
          onChange={(e) => setText(e.target.value)}
          className="min-w-0 flex-1 rounded-md px-2 py-1 ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
        <Button className="min-h-8 px-2 py-1" pending={pending} disabled={!text.trim()} onClick={() => run(editBankedCommentAction, { id: comment.id, text: text.trim() }, () => (onChanged(text.trim()), setEditing(false)))}>
          Save
        </Button>
        <Button className="min-h-8 px-2 py-1" variant="ghost" onClick={() => (setText(comment.text), setEditing(false))}>
          Cancel
        </Button>
      </li>
    );
  }
  return (
    <li className="flex items-start gap-2 text-sm">
      <button type="button" autoFocus={autoFocus} className="flex-1 rounded px-1 text-left hover:bg-indigo-50 focus:bg-indigo-50" onClick={onInsert}>
        <span className="sr-only">Insert: </span>
        {comment.text}
      </button>
      <button type="button" className="text-xs text-indigo-700 underline" aria-label={`Edit banked comment: ${comment.text}`} onClick={() => setEditing(true)}>
        Edit
      </button>
      <button
        type="button"
        className="text-xs text-red-700 underline"
        disabled={pending}
        aria-label={`Delete banked comment: ${comment.text}`}
        onClick={() => run(deleteBankedCommentAction, { id: comment.id }, () => onChanged(null))}
      >
        Delete
      </button>
    </li>
  );
}

function ConflictNotice({ conflict, mine, onResolve }: { conflict: FieldConflict<ScoreValue>; mine: ScoreValue; onResolve: (choice: "mine" | "theirs") => void }) {
  const show = (v: ScoreValue) => [v.points !== null ? `${v.points} points` : null, v.comment ? `“${v.comment}”` : null].filter(Boolean).join(", ") || "empty";
  return (
    <div role="alert" className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-950 ring-1 ring-amber-300" data-testid="grade-conflict">
      <p>
        {conflict.by} changed this at {new Date(conflict.at).toLocaleTimeString()}: <strong>{show(conflict.current)}</strong>. Yours: <strong>{show(mine)}</strong>.
      </p>
      <div className="mt-1 flex gap-2">
        <Button className="min-h-8 px-2 py-1" onClick={() => onResolve("mine")}>
          Keep mine
        </Button>
        <Button className="min-h-8 px-2 py-1" variant="secondary" onClick={() => onResolve("theirs")}>
          Use theirs
        </Button>
      </div>
    </div>
  );
}

const SHORTCUTS: [string, string][] = [
  ["1 / 2 / 3", "Score the highlighted criterion (then moves to the next)"],
  ["↑ / ↓", "Previous / next criterion"],
  ["C", "Write a comment on the highlighted criterion"],
  ["B", "Open its comment bank"],
  ["← / → or K / J", "Previous / next student"],
  ["N", "Next ungraded student"],
  ["Esc", "Leave a text box, close this help"],
  ["?", "Show or hide these shortcuts"],
];

function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" className="fixed inset-0 z-50 grid place-items-center bg-slate-900/40 p-4" onClick={onClose}>
      <div className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt className="font-mono font-semibold">{keys}</dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <Button ref={close} className="mt-4" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
