"use client";

import { useRef, type Ref } from "react";
import type { Rubric } from "@/lib/lesson/types";
import { GRADING_LIMITS } from "@/lib/validations/limits";
import type { Banked } from "./banked-comment";
import { CommentBank, ConflictNotice } from "./lazy-extras";
import type { FieldSaver, ScoreValue } from "./use-grade-saver";
import { moveAmongRadios } from "@/components/ui/radio-arrows";

type Props = {
  criterion: Rubric["criteria"][number];
  score: FieldSaver<ScoreValue>;
  highlighted: boolean;
  hints: string[] | undefined;
  banked: Banked[];
  bankOpen: boolean;
  /** A bank action of the panel is running. */
  pending: boolean;
  rowRef: Ref<HTMLLIElement>;
  onHighlight: () => void;
  /** A level's points, or null to take the score away; `stay`: chosen from the keyboard on its radio. */
  onLevel: (points: number | null, stay?: boolean) => void;
  onToggleBank: () => void;
  onSaveToBank: (text: string) => void;
  onInsertBanked: (text: string) => void;
  onBankedChanged: (id: string, text: string | null) => void;
};

const describe = (score: ScoreValue) =>
  [score.points !== null ? `${score.points} point${score.points === 1 ? "" : "s"}` : null, score.comment ? `“${score.comment}”` : null]
    .filter(Boolean)
    .join(", ") || "empty";

/** One rubric criterion: its levels, a comment, and the teacher's comment bank for it. */
export function CriterionRow({
  criterion,
  score,
  highlighted,
  hints,
  banked,
  bankOpen,
  pending,
  rowRef,
  onHighlight,
  onLevel,
  onToggleBank,
  onSaveToBank,
  onInsertBanked,
  onBankedChanged,
}: Props) {
  const { value } = score;
  const bankToggle = useRef<HTMLButtonElement>(null);
  return (
    <li
      ref={rowRef}
      tabIndex={-1}
      onFocus={onHighlight}
      onClick={onHighlight}
      aria-label={`${criterion.title}${value.points !== null ? `, ${value.points} point${value.points === 1 ? "" : "s"}` : ", not scored"}`}
      data-testid={`criterion-${criterion.id}`}
      className={`rounded-lg bg-white p-3 ring-1 outline-none ${highlighted ? "ring-2 ring-indigo-500" : "ring-slate-200"}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{criterion.title}</h3>
        {hints?.length ? (
          <p className="text-xs text-slate-600" data-testid={`hint-${criterion.id}`}>
            {hints.join(" · ")}
          </p>
        ) : null}
      </div>
      <div role="radiogroup" aria-label={`${criterion.title} level`} onKeyDown={moveAmongRadios} className="mt-2 grid gap-2 sm:grid-cols-3">
        {[...criterion.levels]
          .sort((a, b) => b.points - a.points)
          .map((level, i) => {
            const chosen = value.points === level.points;
            return (
              <button
                key={level.points}
                type="button"
                role="radio"
                aria-checked={chosen}
                // One Tab stop for the group, as radios have: the level chosen, else the first (the arrows go to the others).
                tabIndex={chosen || (value.points === null && i === 0) ? 0 : -1}
                // A click from the keyboard (Space, Enter) has no mouse detail.
                onClick={(event) => onLevel(level.points, event.detail === 0)}
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
      {score.conflict && (
        <ConflictNotice
          by={score.conflict.by}
          at={score.conflict.at}
          theirs={describe(score.conflict.theirs)}
          mine={describe(value)}
          onResolve={score.resolve}
        />
      )}
      <label htmlFor={`comment-${criterion.id}`} className="mt-2 block text-xs font-medium text-slate-600">
        Comment on {criterion.title}
      </label>
      <textarea
        id={`comment-${criterion.id}`}
        rows={2}
        maxLength={GRADING_LIMITS.comment}
        value={value.comment}
        onChange={(e) => score.change({ ...value, comment: e.target.value }, false)}
        className="mt-1 block w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
      />
      {score.message && <p className="mt-1 text-sm text-red-700">{score.message}</p>}
      {/* min-h-6: links in small print, 16 px tall, under WCAG 2.5.8's 24 px targets. */}
      <div className="mt-1 flex flex-wrap gap-2 text-xs">
        <button
          ref={bankToggle}
          type="button"
          className="min-h-6 font-medium text-indigo-700 underline"
          aria-expanded={bankOpen}
          onClick={onToggleBank}
          onKeyDown={(e) => {
            // An open bank closes with Esc from its button too (an empty bank has nothing else to focus).
            if (e.key !== "Escape" || !bankOpen) return;
            e.stopPropagation();
            onToggleBank();
          }}
        >
          Comment bank ({banked.length})
        </button>
        <button
          type="button"
          className="min-h-6 font-medium text-indigo-700 underline disabled:text-slate-400 disabled:no-underline aria-disabled:text-slate-400"
          // Only while saving, refused but not disabled: a disabled button drops its focus to the page.
          disabled={!value.comment.trim()}
          aria-disabled={pending || undefined}
          onClick={() => !pending && onSaveToBank(value.comment.trim())}
        >
          Save comment to bank
        </button>
        {value.points !== null && (
          <button type="button" className="min-h-6 font-medium text-indigo-700 underline" onClick={() => onLevel(null)}>
            Clear score
          </button>
        )}
      </div>
      {bankOpen && (
        <CommentBank
          title={criterion.title}
          banked={banked}
          onClose={() => {
            onToggleBank();
            bankToggle.current?.focus();
          }}
          onInsert={onInsertBanked}
          onChanged={(id, text) => {
            onBankedChanged(id, text);
            // Deleted: its buttons are gone, so focus goes to the bank's button rather than the page's top.
            if (text === null) bankToggle.current?.focus();
          }}
        />
      )}
    </li>
  );
}
