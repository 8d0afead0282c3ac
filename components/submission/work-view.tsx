import { LazyCardsForCustomer } from "@/components/studio/lazy-cards-for-customer";
import { CopyPreviewView } from "@/components/workspace/copy-preview-view";
import { describeChecks, type ImageChecks } from "@/lib/image-checks";
import { imageUrl } from "@/lib/image-url";
import type { LessonContent } from "@/lib/lesson/types";
import { copyForEachCustomer } from "@/lib/placeholders";
import { cardCustomers, cardText } from "@/lib/studio/card-text";
import { layoutCards } from "@/lib/studio/layout";
import type { Draft } from "@/lib/validations/workspace";

type Image = { id: string; caption: string; width: number; height: number; checks: ImageChecks };

/**
 * A student's work, read-only, as the teacher sees it (a live draft or a submitted attempt).
 * `label` ("Attempt 2") names its regions apart from the current work's on the same page.
 */
export function WorkView({ draft, images, content, label }: { draft: Draft; images: Image[]; content: LessonContent; label?: string }) {
  const columns = new Map(content.dataset.columns.map((c) => [c.id, c.name]));
  const region = (part: string) => (label ? `${label}: ${part}` : part);
  // The first customer's card is laid out here: the browser needs the layout code only for the others.
  const firstCustomer = cardCustomers(content)[0];
  const asked = new Set(content.questions.map((q) => q.id));
  const removedAnswers = Object.entries(draft.answers).flatMap(([id, answer]) =>
    asked.has(id) || !answer.trim() ? [] : [[id, answer.trim()] as const],
  );
  const firstCards = draft.card && firstCustomer ? layoutCards(draft.card, cardText(draft.card, draft, content, firstCustomer.id)) : [];
  return (
    <div className="space-y-6">
      <section aria-label={region("Ideation")} className="wrap-anywhere">
        <h3 className="font-semibold">Ideation</h3>
        <div className="mt-2 grid gap-4 md:grid-cols-2">
          <div>
            <h4 className="text-sm font-medium text-slate-600">Chosen datapoints</h4>
            <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm">
              {draft.picks.map((p) => (
                <li key={p.columnId}>
                  <strong>{columns.get(p.columnId) ?? "(a column since removed)"}</strong>
                  {p.reason ? ` — ${p.reason}` : <em className="text-slate-500"> — no reason given</em>}
                </li>
              ))}
            </ol>
            {draft.picks.length === 0 && <p className="text-sm text-slate-500">None chosen.</p>}
          </div>
          <div>
            <h4 className="text-sm font-medium text-slate-600">Brainstorm</h4>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
              {draft.ideas.map((idea) => (
                <li key={idea.id}>{idea.text}</li>
              ))}
            </ul>
            {draft.ideas.length === 0 && <p className="text-sm text-slate-500">No ideas listed.</p>}
          </div>
        </div>
      </section>
      <section aria-label={region("Copywriting")}>
        <h3 className="mb-2 font-semibold">Copywriting</h3>
        {draft.copy.trim() === "" ? (
          <p className="text-sm text-slate-500">No copy written.</p>
        ) : (
          <CopyPreviewView
            customers={copyForEachCustomer(draft.copy, content.dataset, content.aliases)}
            label={region("Preview for each customer")}
          />
        )}
      </section>
      <section aria-label={region("Design")}>
        <h3 className="font-semibold">Design</h3>
        {draft.card && (
          <div className="mt-2">
            <LazyCardsForCustomer card={draft.card} draft={draft} content={content} firstCards={firstCards} />
          </div>
        )}
        {images.length === 0 ? (
          <p className="text-sm text-slate-500">No graphics uploaded.</p>
        ) : (
          <ul className="mt-2 grid gap-4 sm:grid-cols-2">
            {images.map((image, i) => (
              <li key={image.id} className="rounded-lg p-3 ring-1 ring-slate-200">
                <a
                  href={imageUrl(image.id)}
                  target="_blank"
                  rel="noreferrer"
                  className="block"
                  aria-label={`Open graphic ${i + 1} full size`}
                >
                  <img
                    src={imageUrl(image.id)}
                    alt={image.caption || `Graphic ${i + 1}`}
                    className="mx-auto max-h-96 rounded object-contain"
                  />
                </a>
                {image.caption && <p className="mt-1 text-sm wrap-anywhere">{image.caption}</p>}
                <ul className="mt-1 text-xs">
                  {describeChecks(image.checks, image.width).map((c) => (
                    <li key={c.text} className={c.ok ? "text-green-800" : "text-amber-800"}>
                      {c.ok ? "✓ " : "! "}
                      {c.text}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label={region("Reflection")} className="wrap-anywhere">
        <h3 className="font-semibold">Reflection</h3>
        <ol className="mt-2 space-y-3">
          {content.questions.map((q, i) => (
            <li key={q.id}>
              <p className="text-sm font-medium text-slate-700">
                {i + 1}. {q.prompt}
              </p>
              <p className="mt-1 text-sm whitespace-pre-wrap">
                {draft.answers[q.id]?.trim() || <em className="text-slate-500">No answer.</em>}
              </p>
            </li>
          ))}
        </ol>
        {/* Answers are kept by question: one the teacher has since removed still has its answer, shown apart. */}
        {removedAnswers.length > 0 && (
          <div className="mt-3 border-t border-slate-200 pt-3" data-testid="removed-answers">
            <p className="text-sm font-medium text-slate-700">
              {removedAnswers.length === 1 ? "An answer to a question" : "Answers to questions"} since removed from the lesson
            </p>
            <ul className="mt-1 space-y-2">
              {removedAnswers.map(([id, answer]) => (
                <li key={id} className="text-sm whitespace-pre-wrap">
                  {answer}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
