import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import type { LessonContent } from "@/lib/lesson/types";
import type { AttemptSnapshot } from "@/lib/validations/workspace";
import { sameSubmission, type SubmittedWork } from "@/lib/draft-differences";
import { WorkView } from "./work-view";

type Attempt = { id: string; number: number; submittedAt: Date; late: boolean; snapshot: AttemptSnapshot };

/**
 * Every submitted attempt, newest first, each opening onto the work exactly as it was submitted.
 * An attempt that is the `current` work shown above says so and stays closed: it would repeat it.
 */
export function AttemptList({ attempts, content, current }: { attempts: Attempt[]; content: LessonContent; current: SubmittedWork }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-600">Not submitted yet: only a draft so far.</p>;
  return (
    <div className="space-y-3" data-testid="teacher-attempts">
      {attempts.map((attempt, i) => {
        const asAbove = i === 0 && sameSubmission(attempt.snapshot, current, content);
        return (
          <details
            key={attempt.id}
            open={i === 0 && attempts.length === 1 && !asAbove}
            className="rounded-lg bg-white ring-1 ring-slate-200"
          >
            <summary className="cursor-pointer px-4 py-3 text-sm font-semibold">
              Attempt {attempt.number} · <LocalTime iso={attempt.submittedAt.toISOString()} />
              {asAbove && <span className="font-normal text-slate-600"> · the same as the current work above</span>}
              {attempt.late && (
                <span className="ml-2">
                  <Badge tone="amber">Late</Badge>
                </span>
              )}
            </summary>
            <div className="border-t border-slate-100 p-4">
              <WorkView
                draft={attempt.snapshot.draft}
                images={attempt.snapshot.images}
                content={content}
                label={`Attempt ${attempt.number}`}
              />
            </div>
          </details>
        );
      })}
    </div>
  );
}
