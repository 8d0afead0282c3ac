"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";
import { useGradingKeys } from "./use-grading-keys";
import { focusIfLost } from "@/components/ui/focus-if-lost";

type Props = { prevHref: string | null; nextHref: string | null; nextUngradedHref: string };

/**
 * The way on from a student with nothing handed in (no rubric panel, so none of its keys): links both
 * ways, and the grading view's keys for moving (←/→, K/J, N), so walking a view of the list such as
 * "Missing", which stops on such a student every time, works from the keyboard as elsewhere.
 */
export function StudentWalk({ prevHref, nextHref, nextUngradedHref }: Props) {
  const router = useRouter();
  const ready = useReady();
  const go = (href: string | null, none?: string) => (href ? router.push(href) : none && toast.info(none));
  // A student with nothing handed in comes after another like them: this view stays, with new links.
  useEffect(() => focusIfLost("grading-student"), [prevHref, nextHref]);
  const none = () => {};
  useGradingKeys({
    previous: () => go(prevHref, "This is the first student in this list."),
    next: () => go(nextHref, "This is the last student in this list."),
    nextUngraded: () => go(nextUngradedHref),
    score: () => toast.info("Nothing to score: this student hasn't started."),
    clear: none,
    move: none,
    returnWork: none,
    comment: none,
    bank: none,
    toggleHelp: none,
    closeHelp: none,
    leaveField: () => document.getElementById("grading-student")?.focus(),
  });
  if (!prevHref && !nextHref) return null;
  return (
    <nav aria-label="Other students" className="flex flex-wrap gap-x-4 gap-y-1" data-ready={ready || undefined}>
      {prevHref && (
        <Link href={prevHref} className="text-indigo-700 underline" aria-keyshortcuts="ArrowLeft">
          ← Previous student
        </Link>
      )}
      {nextHref && (
        <Link href={nextHref} className="text-indigo-700 underline" aria-keyshortcuts="ArrowRight">
          Next student →
        </Link>
      )}
    </nav>
  );
}
