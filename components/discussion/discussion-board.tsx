"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { setStarAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/discussion/actions";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";
import type { DiscussionQuestion } from "@/db/queries/discussion";
import { answerKey, boardHref, projectorSlides, type Slide } from "@/lib/discussion";
import { AnswerCard } from "./answer-card";
import { NamesSwitch } from "./names-switch";
import { Projector } from "./projector";
import { Switch } from "./switch";

type Props = {
  questions: DiscussionQuestion[];
  /** Whether the page was drawn with names (`?names=1`: the server's to send). */
  namesShown: boolean;
  /** The page's path, for the addresses of the other views. */
  path: string;
};

const starsOf = (questions: DiscussionQuestion[]) =>
  Object.fromEntries(questions.flatMap((q) => q.answers.map((a) => [answerKey(q.id, a.submissionId), a.starred])));

const cardId = (slide: Slide) => `answer-${slide.questionId}-${slide.submissionId}`;

const SAVE_FAILED = "The star wasn't saved. Check your connection and try again.";

/** The reflection answers as cards, question by question, with stars, a starred-only filter and the projector. */
export function DiscussionBoard({ questions, namesShown, path }: Props) {
  const [stars, setStars] = useState(() => starsOf(questions));
  const ready = useReady();
  const router = useRouter();
  const [, startTransition] = useTransition();
  // The projector opened while names were showing: none on it until the page without them arrives.
  const [hidingNames, setHidingNames] = useState(false);
  // New data from the server (names switched, another tab starred something) replaces local state.
  const [synced, setSynced] = useState(questions);
  if (synced !== questions) {
    setSynced(questions);
    setStars(starsOf(questions));
    setHidingNames(false);
  }
  // Filtered here, and kept in the address (without a trip to the server) so a reload keeps it. Read
  // from the address, not kept apart: Back to a page drawn before the filter changed still shows the address's.
  const starredOnly = useSearchParams().get("starred") === "1";
  const namesHref = {
    show: boardHref(path, { names: true, starred: starredOnly }),
    hide: boardHref(path, { names: false, starred: starredOnly }),
  };
  const showStarredOnly = (starred: boolean) => window.history.replaceState(null, "", boardHref(path, { names: namesShown, starred }));
  const [projector, setProjector] = useState<{ slides: Slide[]; start: number } | null>(null);
  const [returnTo, setReturnTo] = useState<Slide | null>(null);
  const projectButton = useRef<HTMLButtonElement>(null);

  const isStarred = (key: string) => Boolean(stars[key]);
  const slides = projectorSlides(questions, isStarred, starredOnly);
  const starredCount = Object.values(stars).filter(Boolean).length;

  /** Shows the change at once and takes it back if the server refuses; resolves to an error message or null. */
  async function setStarred(slide: Slide, starred: boolean): Promise<string | null> {
    const key = answerKey(slide.questionId, slide.submissionId);
    setStars((current) => ({ ...current, [key]: starred }));
    let error: string | null = SAVE_FAILED;
    try {
      // The words the teacher is starring: the server refuses if the student has handed in others since.
      const seen = questions.find((q) => q.id === slide.questionId)?.answers.find((a) => a.submissionId === slide.submissionId)?.text;
      const result = await setStarAction({ submissionId: slide.submissionId, questionId: slide.questionId, starred, seen });
      error = result.ok ? null : (result.formError ?? SAVE_FAILED);
    } catch {
      // Network failure or the answer vanished (404): either way the star didn't stick.
    }
    if (error) setStars((current) => ({ ...current, [key]: !starred }));
    return error;
  }

  function open(questionId?: string) {
    const start = questionId ? slides.findIndex((s) => s.questionId === questionId) : 0;
    if (start < 0 || !slides.length) return;
    setProjector({ slides, start });
    // The class sees the projector, so it opens with names hidden: the switch on its toolbar shows
    // them again, deliberately.
    if (namesShown) {
      setHidingNames(true);
      startTransition(() => router.replace(namesHref.hide, { scroll: false }));
    }
  }

  // Back from the projector: the last answer shown is scrolled to and focused, so the teacher is where the class was.
  useEffect(() => {
    if (!returnTo) return;
    const card = document.getElementById(cardId(returnTo));
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (card) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
    } else projectButton.current?.focus();
  }, [returnTo]);

  const namesSwitch = (large?: boolean) => (
    <NamesSwitch shown={namesShown} showHref={namesHref.show} hideHref={namesHref.hide} large={large} />
  );

  return (
    <div className="space-y-8" data-ready={ready || undefined}>
      <div className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:flex-wrap sm:items-center">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
          {namesSwitch()}
          <Switch label={`Starred only (${starredCount})`} checked={starredOnly} onChange={showStarredOnly} />
        </div>
        <Button ref={projectButton} className="sm:ml-auto" onClick={() => open()} disabled={slides.length === 0}>
          Projector mode
        </Button>
        <p className="w-full text-sm text-slate-600">
          {namesShown
            ? "Names are showing. Projector mode hides them when it opens; turn them off before putting this page itself on the projector."
            : "Names are hidden: answers are numbered in a shuffled order, so nobody can tell who wrote what."}
        </p>
      </div>

      {questions.map((question, i) => {
        const shown = question.answers.filter((a) => !starredOnly || isStarred(answerKey(question.id, a.submissionId)));
        const starredHere = question.answers.filter((a) => isStarred(answerKey(question.id, a.submissionId))).length;
        const headingId = `question-${question.id}`;
        return (
          <section key={question.id} aria-labelledby={headingId} className="space-y-4" data-testid="discussion-question">
            <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
              <div className="min-w-0">
                <h2 id={headingId} className="text-lg font-semibold text-slate-900">
                  Question {i + 1}
                </h2>
                <p className="mt-1 wrap-anywhere text-slate-800">{question.prompt}</p>
                <p className="mt-1 text-sm text-slate-600">
                  {question.answers.length} {question.answers.length === 1 ? "answer" : "answers"} · {starredHere} starred
                  {question.blank > 0 && ` · ${question.blank} left it blank`}
                </p>
              </div>
              <Button
                variant="secondary"
                className="shrink-0"
                onClick={() => open(question.id)}
                disabled={shown.length === 0}
                aria-label={`Project question ${i + 1}`}
              >
                Project
              </Button>
            </div>
            {shown.length > 0 ? (
              <ul className="grid gap-4 sm:grid-cols-2" aria-label={`Answers to question ${i + 1}`}>
                {shown.map((answer) => {
                  const slide = { questionId: question.id, submissionId: answer.submissionId };
                  const starred = isStarred(answerKey(question.id, answer.submissionId));
                  return (
                    <li key={answer.submissionId}>
                      <AnswerCard
                        id={cardId(slide)}
                        answer={answer}
                        starred={starred}
                        onToggleStar={async () => {
                          const error = await setStarred(slide, !starred);
                          if (error) toast.error(error);
                        }}
                      />
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
                {question.answers.length === 0
                  ? "Nobody has answered this question yet."
                  : "No starred answers here yet. Star an answer to bring it up in class."}
              </p>
            )}
          </section>
        );
      })}

      {projector && (
        <Projector
          questions={questions}
          slides={projector.slides}
          start={projector.start}
          isStarred={isStarred}
          onStar={setStarred}
          onClose={(last) => {
            setProjector(null);
            setReturnTo(last);
          }}
          namesSwitch={namesSwitch(true)}
          hideNames={hidingNames}
        />
      )}
    </div>
  );
}
