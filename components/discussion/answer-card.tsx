"use client";

import type { DiscussionAnswer } from "@/db/queries/discussion";
import { answerLabel } from "@/lib/discussion";
import { StarButton } from "./star-button";

type Props = { id: string; answer: DiscussionAnswer; starred: boolean; onToggleStar: () => void };

/** One student's answer to one question: numbered, with the name only when the teacher shows names. */
export function AnswerCard({ id, answer, starred, onToggleStar }: Props) {
  const label = answerLabel(answer.number);
  return (
    <article
      id={id}
      // Focus lands here when the projector closes, so the teacher is back where they were.
      tabIndex={-1}
      aria-labelledby={`${id}-label`}
      data-testid="answer-card"
      className={`flex h-full flex-col gap-3 rounded-lg p-4 shadow-sm ring-1 ${starred ? "bg-amber-50 ring-amber-400" : "bg-white ring-slate-200"}`}
    >
      <div className="flex items-start justify-between gap-3">
        <h3 id={`${id}-label`} className="min-w-0 text-sm font-semibold wrap-anywhere text-slate-700">
          {label}
          {answer.name && (
            <>
              <span aria-hidden className="text-slate-400">
                {" · "}
              </span>
              <span className="sr-only">, by </span>
              <span data-testid="answer-name" className="text-slate-900">
                {answer.name}
              </span>
            </>
          )}
        </h3>
        <StarButton starred={starred} label={`Star ${label.toLowerCase()}`} onToggle={onToggleStar} />
      </div>
      <p className="text-base whitespace-pre-wrap wrap-anywhere text-slate-900">{answer.text}</p>
    </article>
  );
}
