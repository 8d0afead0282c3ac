"use client";

import { Button } from "@/components/ui/button";

type Props = { by: string; at: string; theirs: string; mine: string; onResolve: (choice: "mine" | "theirs") => void };

/** Someone else saved this field first: both values, and the choice of which one stays. */
export function ConflictNotice({ by, at, theirs, mine, onResolve }: Props) {
  return (
    <div role="alert" className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-950 ring-1 ring-amber-300" data-testid="grade-conflict">
      <p>
        {by} changed this at {new Date(at).toLocaleTimeString()}: <strong>{theirs}</strong>. Yours: <strong>{mine}</strong>.
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
