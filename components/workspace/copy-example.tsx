import type { Dataset } from "@/lib/lesson/types";
import { renderCopy, tokenize, type Aliases } from "@/lib/placeholders";

type Props = { example: string; dataset: Dataset; aliases: Aliases };

/**
 * The lesson's worked example of reusable copy, beside the student's editor: the message as written
 * once, placeholders marked, then how it reads for the first customer of the table.
 */
export function CopyExample({ example, dataset, aliases }: Props) {
  const first = dataset.rows[0];
  if (example.trim() === "") return null;
  const name = first ? first.values[dataset.nameColumnId] || "the first customer" : null;
  return (
    <aside
      aria-labelledby="copy-example-heading"
      data-testid="copy-example"
      className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200"
    >
      <h3 id="copy-example-heading" className="font-semibold text-amber-950">
        Worked example
      </h3>
      <p className="mt-1 text-slate-700">Written once, with placeholders:</p>
      <p className="mt-1 rounded bg-white p-2 wrap-anywhere text-slate-900 ring-1 ring-amber-200" data-testid="copy-example-template">
        {tokenize(example).map((token, i) =>
          token.kind === "text" ? (
            <span key={i}>{token.text}</span>
          ) : (
            <mark key={i} className="rounded bg-indigo-100 px-0.5 font-medium text-indigo-900">
              {token.raw}
            </mark>
          ),
        )}
      </p>
      {first && (
        <>
          <p className="mt-2 text-slate-700">What {name} receives:</p>
          <p className="mt-1 rounded bg-white p-2 wrap-anywhere text-slate-900 ring-1 ring-amber-200" data-testid="copy-example-filled">
            {renderCopy(example, dataset, aliases, first.id).map((segment, i) =>
              segment.kind === "value" ? (
                <strong key={i} className="font-semibold">
                  {segment.text}
                </strong>
              ) : (
                <span key={i}>{segment.kind === "text" ? segment.text : segment.raw}</span>
              ),
            )}
          </p>
        </>
      )}
      <p className="mt-2 text-slate-700">Write your own words for your three datapoints: don&apos;t copy this one.</p>
    </aside>
  );
}
