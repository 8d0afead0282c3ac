"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { submitWorkAction } from "@/app/assignments/[assignmentId]/actions";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { failureMessage, referenceOf, unexpectedFailureMessage } from "@/lib/action-result";
import { LocalTime } from "@/components/ui/local-time";
import type { LessonContent } from "@/lib/lesson/types";
import { renderCopy } from "@/lib/placeholders";
import type { Draft } from "@/lib/validations/workspace";
import { sameSubmission, type SubmittedWork } from "@/lib/draft-differences";
import { assessWork } from "@/lib/assess-work";
import { STEPS, type StepId } from "@/lib/workspace";
import { MergedCopy } from "./copy-preview-view";
import { imageUrl } from "@/lib/image-url";
import type { WorkImage } from "@/lib/workspace";
import type { Upload } from "./use-uploads";

type Props = {
  assignmentId: string;
  draft: Draft;
  images: WorkImage[];
  /** Graphics picked on the design step that the server has not kept yet, and those it refused. */
  uploads: Upload[];
  /** The studio is drawing cards ("Use these cards"): they join the design when it is done. */
  drawing: boolean;
  content: LessonContent;
  readOnly: boolean;
  late: boolean;
  attempts: { number: number; submittedAt: string; late: boolean }[];
  lastSubmitted: { number: number; work: SubmittedWork } | null;
  flush: () => Promise<boolean>;
  version: () => number;
  /** Every change is saved (the save status says "Saved"). */
  saved: boolean;
  goTo: (step: StepId) => void;
};

const NOT_SAVED_YET = "Your latest changes aren't saved yet, so they can't be submitted. Check the save status above and try again.";

export function ReviewStep({
  assignmentId,
  draft,
  images,
  uploads,
  drawing,
  content,
  readOnly,
  late,
  attempts,
  lastSubmitted,
  flush,
  version,
  saved,
  goTo,
}: Props) {
  const router = useRouter();
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A submit refused for changes not saved yet: its message goes once they are (a connection back).
  if (saved && error === NOT_SAVED_YET) setError(null);
  const [pending, setPending] = useState(false);
  // Every issue, warnings included (the tabs' marks above need only lib/workspace.ts assessSteps).
  const progress = assessWork(draft, images, content, uploads.filter((u) => !u.error).length);
  const incomplete = progress.issues.some((i) => i.level !== "warning");
  // A graphic still on its way would be left out of what is handed in, without a word: Submit waits
  // for it. (The server only has the graphics it has finished keeping.)
  // Cards the studio is drawing likewise.
  const uploading = uploads.filter((u) => !u.error);
  const refused = uploads.filter((u) => u.error);
  const waitingFor =
    uploading.length === 1
      ? "A graphic is still uploading. You can hand in once it has finished."
      : uploading.length > 1
        ? `${uploading.length} graphics are still uploading. You can hand in once they have finished.`
        : drawing
          ? "Your cards are still being drawn. You can hand in once they are in your design."
          : null;
  // The server refuses the same work again (submitWork); said here before the press. Not while a
  // graphic is on its way: the work is about to change.
  const unchanged = waitingFor === null && lastSubmitted !== null && sameSubmission(lastSubmitted.work, { draft, images }, content);
  const columns = new Map(content.dataset.columns.map((c) => [c.id, c.name]));
  const firstRow = content.dataset.rows[0];

  async function submit() {
    setPending(true);
    setError(null);
    try {
      if (!(await flush())) {
        setError(NOT_SAVED_YET);
        return;
      }
      const result = await submitWorkAction({ assignmentId, baseVersion: version(), confirmIncomplete: confirmed });
      if (!result.ok) {
        setError(failureMessage(result, "Submitting didn't work. Try again."));
        return;
      }
      toast.success(`Submitted${result.data.late ? " (late)" : ""}. This is attempt ${result.data.number}.`);
      setConfirmed(false);
      router.refresh();
    } catch (error) {
      setError(
        referenceOf(error)
          ? unexpectedFailureMessage(error)
          : "Submitting didn't reach the server. Check your connection and try again; your work is saved on this device.",
      );
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby="checklist-heading">
        <h3 id="checklist-heading" className="font-semibold">
          Checklist
        </h3>
        {progress.issues.length === 0 ? (
          <p className="mt-2 text-sm text-green-800">Everything is in place.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm max-sm:space-y-2" data-testid="review-issues">
            {progress.issues.map((issue, i) => (
              <li key={i} className={issue.level === "warning" ? "text-amber-800" : "text-red-700"}>
                <span aria-hidden>{issue.level === "warning" ? "! " : "✕ "}</span>
                {/* Several items can go to the same step: each button is described by its own item. */}
                <button
                  type="button"
                  className="min-h-6 underline max-sm:min-h-10"
                  onClick={() => goTo(issue.step)}
                  aria-describedby={`review-issue-${i}`}
                >
                  {STEPS.find((s) => s.id === issue.step)?.title}
                </button>
                : <span id={`review-issue-${i}`}>{issue.text}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="summary-heading" className="grid gap-4 wrap-anywhere md:grid-cols-2">
        <h3 id="summary-heading" className="sr-only">
          Your work
        </h3>
        <div className="rounded-md p-3 ring-1 ring-slate-200">
          <h4 className="text-sm font-semibold">Datapoints</h4>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {draft.picks.map((p) => (
              <li key={p.columnId}>
                <strong>{columns.get(p.columnId) ?? "(removed column)"}</strong>
                {p.reason && ` — ${p.reason}`}
              </li>
            ))}
            {draft.picks.length === 0 && <li className="list-none text-slate-500">None chosen yet.</li>}
          </ul>
        </div>
        <div className="rounded-md p-3 ring-1 ring-slate-200">
          <h4 className="text-sm font-semibold">Copy{firstRow ? ` (for ${firstRow.values[content.dataset.nameColumnId]})` : ""}</h4>
          {draft.copy.trim() && firstRow ? (
            <MergedCopy segments={renderCopy(draft.copy, content.dataset, content.aliases, firstRow.id)} />
          ) : (
            <p className="text-sm text-slate-500">Not written yet.</p>
          )}
        </div>
        <div className="rounded-md p-3 ring-1 ring-slate-200">
          <h4 className="text-sm font-semibold">Graphics</h4>
          <div className="mt-2 flex flex-wrap gap-2">
            {images.map((image, i) => (
              <img
                key={image.id}
                src={imageUrl(image.id, "thumb")}
                alt={image.caption || `Graphic ${i + 1}`}
                className="h-24 rounded object-contain ring-1 ring-slate-200"
              />
            ))}
            {images.length === 0 && uploads.length === 0 && <p className="text-sm text-slate-500">None uploaded yet.</p>}
          </div>
          {uploads.length > 0 && (
            <ul className="mt-2 space-y-1 text-sm" aria-label="Graphics not uploaded yet">
              {uploading.map((u) => (
                <li key={u.key} className="text-slate-700">
                  <span className="font-medium">{u.name}</span>: {u.processing ? "processing…" : "uploading…"}
                </li>
              ))}
              {refused.map((u) => (
                <li key={u.key} className="text-red-700">
                  <span className="font-medium">{u.name}</span> was not uploaded: {u.error}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="rounded-md p-3 ring-1 ring-slate-200">
          <h4 className="text-sm font-semibold">Reflection</h4>
          <ul className="mt-1 text-sm">
            {content.questions.map((q, i) => (
              <li key={q.id}>
                Question {i + 1}:{" "}
                {(draft.answers[q.id] ?? "").trim() ? `${(draft.answers[q.id] ?? "").trim().length} characters` : "not answered"}
              </li>
            ))}
          </ul>
        </div>
      </section>

      {!readOnly && (
        <section aria-labelledby="submit-heading" className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
          <h3 id="submit-heading" className="font-semibold">
            {attempts.length > 0 ? "Submit again" : "Submit"}
          </h3>
          <p className="mt-1 text-sm text-slate-600">
            {late ? "The due date has passed: this submission will be marked late. " : ""}
            You can keep improving and submit again until your teacher returns the work. Your teacher sees every attempt.
          </p>
          {unchanged && (
            <p id="nothing-new" className="mt-3 text-sm font-medium text-slate-800" data-testid="nothing-new">
              Nothing has changed since attempt {lastSubmitted.number}: your teacher already has this version. Change your work to submit it
              again.
            </p>
          )}
          {incomplete && !unchanged && (
            <label className="mt-3 flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-indigo-600"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
              />
              Some parts are missing. Submit anyway.
            </label>
          )}
          {waitingFor && (
            <p id="uploads-pending" className="mt-3 text-sm font-medium text-slate-800" data-testid="uploads-pending">
              {waitingFor}
            </p>
          )}
          <FormAlert message={error} />
          {/* Once handed in, the focus stays here, and the button says why it no longer submits. */}
          <Button
            onClick={submit}
            pending={pending}
            disabled={unchanged || waitingFor !== null || (incomplete && !confirmed)}
            aria-describedby={unchanged ? "nothing-new" : waitingFor ? "uploads-pending" : undefined}
          >
            {attempts.length > 0 ? "Submit again" : "Submit my work"}
          </Button>
        </section>
      )}

      {attempts.length > 0 && (
        <section aria-labelledby="attempts-heading">
          <h3 id="attempts-heading" className="font-semibold">
            Your submissions
          </h3>
          <ol className="mt-2 space-y-1 text-sm" data-testid="attempt-list">
            {attempts.map((a) => (
              <li key={a.number}>
                Attempt {a.number}: <LocalTime iso={a.submittedAt} />
                {a.late && <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Late</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
