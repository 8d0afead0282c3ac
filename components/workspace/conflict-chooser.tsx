"use client";

import { Button } from "@/components/ui/button";
import { draftDifferences, type DraftDifference } from "@/lib/draft-differences";
import type { LessonContent } from "@/lib/lesson/types";
import type { Draft } from "@/lib/validations/workspace";
import { CONFLICT_HEADLINE } from "./step-props";

/**
 * The work changed in another tab or on another device while this one had changes of its own:
 * where the two versions differ, side by side, and which to keep. Nothing is overwritten until
 * the student chooses.
 */
export function ConflictChooser({
  mine,
  theirs,
  content,
  onResolve,
}: {
  mine: Draft;
  theirs: Draft;
  content: Pick<LessonContent, "dataset" | "questions">;
  onResolve: (keep: "mine" | "theirs") => void;
}) {
  const differences = draftDifferences(mine, theirs, content);
  return (
    <div role="alert" className="mb-4 rounded-md bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-300" data-testid="conflict">
      <p className="font-semibold">{CONFLICT_HEADLINE}</p>
      <p className="mt-1">Nothing has been overwritten. Where the two differ, and which version to keep:</p>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <ConflictSide title="This tab" differences={differences} side="mine" />
        <ConflictSide title="The other version" differences={differences} side="theirs" />
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button onClick={() => onResolve("mine")}>Keep this tab&apos;s version</Button>
        <Button variant="secondary" onClick={() => onResolve("theirs")}>
          Use the other version
        </Button>
      </div>
    </div>
  );
}

/** One version in the conflict chooser: what it says in each part where the two differ. */
function ConflictSide({ title, differences, side }: { title: string; differences: DraftDifference[]; side: "mine" | "theirs" }) {
  return (
    <div className="rounded-md bg-white p-3 ring-1 ring-amber-200">
      <p className="font-semibold">{title}</p>
      {differences.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">The same work as the other version.</p>
      ) : (
        <dl className="mt-1 space-y-2">
          {differences.map((d) => (
            <div key={d.part}>
              <dt className="text-xs font-medium text-slate-600">{d.part}</dt>
              <dd className="line-clamp-4 text-sm whitespace-pre-wrap">{d[side] || <em className="text-slate-500">Empty</em>}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
