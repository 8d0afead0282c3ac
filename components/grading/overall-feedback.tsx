"use client";

import { GRADING_LIMITS } from "@/lib/validations/limits";
import { ConflictNotice } from "./lazy-extras";
import type { FieldSaver } from "./use-grade-saver";

const describe = (text: string) => (text ? `“${text}”` : "empty");

/** The overall feedback: saved on its own, after a pause in typing. */
export function OverallFeedback({ feedback }: { feedback: FieldSaver<string> }) {
  return (
    <div>
      <label htmlFor="overall-feedback" className="block font-semibold">
        Overall feedback
      </label>
      <textarea
        id="overall-feedback"
        rows={4}
        maxLength={GRADING_LIMITS.feedback}
        value={feedback.value}
        onChange={(e) => feedback.change(e.target.value, false)}
        className="mt-1 block w-full rounded-md px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
      />
      {feedback.conflict && (
        <ConflictNotice
          by={feedback.conflict.by}
          at={feedback.conflict.at}
          theirs={describe(feedback.conflict.theirs)}
          mine={describe(feedback.value)}
          onResolve={feedback.resolve}
        />
      )}
    </div>
  );
}
