"use client";

import { WORK_LIMITS } from "@/lib/validations/limits";
import type { StepProps } from "./step-props";

export function ReflectionStep({ draft, update, readOnly, content }: StepProps) {
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">
        Answer on your own first; you&apos;ll talk about these with the class afterwards. Your teacher reads your answers and may show some
        to the class, usually without your name.
      </p>
      {content.questions.map((question, i) => {
        const value = draft.answers[question.id] ?? "";
        return (
          <div key={question.id}>
            <label htmlFor={`answer-${question.id}`} className="block font-medium">
              {i + 1}. {question.prompt}
            </label>
            <textarea
              id={`answer-${question.id}`}
              value={value}
              maxLength={WORK_LIMITS.answer}
              readOnly={readOnly}
              rows={5}
              aria-describedby={`count-${question.id}`}
              onChange={(e) => update((d) => ({ ...d, answers: { ...d.answers, [question.id]: e.target.value } }))}
              className="mt-2 block w-full rounded-md px-3 py-2 text-base ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none read-only:bg-slate-50"
            />
            <p id={`count-${question.id}`} className="mt-1 text-right text-xs text-slate-500">
              {value.length} / {WORK_LIMITS.answer} characters
            </p>
          </div>
        );
      })}
    </div>
  );
}
