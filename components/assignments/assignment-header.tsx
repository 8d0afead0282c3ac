import Link from "next/link";
import { WindowBadge } from "@/components/assignments/window-badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { buttonClass } from "@/components/ui/button-class";
import { Badge, PageHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";

type Props = {
  section: { id: string; name: string; archivedAt: Date | null };
  assignment: { id: string; title: string; dueAt: Date; closeAt: Date | null; acceptLate: boolean };
  /** Which of the assignment's teacher pages this is: its Students list, its setup (settings, lesson, rubric) or its lesson plan. */
  current: "students" | "setup" | "lesson";
};

const TITLES: Record<Props["current"], (title: string) => string> = {
  students: (title) => title,
  setup: (title) => `Set up: ${title}`,
  lesson: (title) => `Lesson plan: ${title}`,
};

/**
 * The head of an assignment's teacher pages: where it sits, its dates and late-work rule, and the
 * way to its other pages (Students list or setup, discussion, analytics).
 */
export function AssignmentHeader({ section, assignment, current }: Props) {
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/sections", label: "My sections" },
          { href: `/sections/${section.id}`, label: section.name },
          ...(current === "students" ? [] : [{ href: base, label: assignment.title }]),
        ]}
      />
      <PageHeader
        title={TITLES[current](assignment.title)}
        actions={
          <>
            {current !== "setup" && (
              <Link href={`${base}/setup`} className={buttonClass("secondary")}>
                Settings, lesson and rubric
              </Link>
            )}
            {current !== "students" && (
              <Link href={base} className={buttonClass("secondary")}>
                Students
              </Link>
            )}
            {current !== "lesson" && (
              <Link href={`${base}/lesson`} className={buttonClass("secondary")}>
                Lesson plan
              </Link>
            )}
            <Link href={`${base}/discussion`} className={buttonClass("secondary")}>
              Discussion
            </Link>
            <Link href={`${base}/analytics`} className={buttonClass("secondary")}>
              Analytics
            </Link>
            <Link href={`${base}/recap`} className={buttonClass("secondary")}>
              Class Recap
            </Link>
          </>
        }
        description={
          <dl className="flex flex-wrap items-center gap-x-5 gap-y-1" data-testid="assignment-summary">
            <div className="flex gap-1.5">
              <dt className="font-medium text-slate-800">Due</dt>
              <dd>
                <LocalTime iso={assignment.dueAt.toISOString()} />
              </dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="font-medium text-slate-800">Closes</dt>
              <dd>
                {assignment.closeAt ? (
                  <LocalTime iso={assignment.closeAt.toISOString()} />
                ) : assignment.acceptLate ? (
                  "Never"
                ) : (
                  "At the due date"
                )}
              </dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="font-medium text-slate-800">Late work</dt>
              <dd>{assignment.acceptLate ? "Accepted, marked late" : "Not accepted"}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="sr-only">Now</dt>
              <dd className="flex flex-wrap gap-2">
                <WindowBadge timing={assignment} archived={Boolean(section.archivedAt)} />
                {section.archivedAt && <Badge tone="amber">Section archived</Badge>}
              </dd>
            </div>
          </dl>
        }
      />
    </>
  );
}
