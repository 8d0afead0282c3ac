"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import type { DiscussionQuestion } from "@/db/queries/discussion";
import { answerKey, answerLabel, positionInQuestion, projectorFontSize, questionJump, type Slide } from "@/lib/discussion";
import { StarButton, StarIcon } from "./star-button";
import { useFocusSafeDisabled } from "@/components/ui/button";
import { useProjectorLayer } from "@/components/ui/use-projector-layer";
import { useFitText } from "@/components/ui/use-fit-text";

type Props = {
  questions: DiscussionQuestion[];
  /** The running order, fixed when the projector opened: un-starring an answer mid-lesson doesn't pull it off the screen. */
  slides: Slide[];
  start: number;
  isStarred: (key: string) => boolean;
  /** Resolves to an error message, or null once the star is saved. */
  onStar: (slide: Slide, starred: boolean) => Promise<string | null>;
  onClose: (last: Slide) => void;
  /** The names switch, shown in the projector's toolbar. */
  namesSwitch: ReactNode;
  /** Names stay off the screen while the page without them loads (the projector opens with names hidden). */
  hideNames?: boolean;
};

const navButton =
  "inline-flex min-h-14 items-center gap-2 rounded-md bg-slate-900 px-5 text-xl font-semibold text-white hover:bg-slate-700 disabled:bg-slate-300 disabled:text-slate-600 aria-disabled:bg-slate-300 aria-disabled:text-slate-600";

/** Scrolls a long answer by most of a screen, down (1) or up (-1); false when it is already at that end. */
function scrollAnswer(box: HTMLElement | null, direction: 1 | -1): boolean {
  if (!box) return false;
  const room = direction > 0 ? box.scrollHeight - box.clientHeight - box.scrollTop : box.scrollTop;
  if (room <= 1) return false;
  box.scrollBy({ top: direction * Math.round(box.clientHeight * 0.8) });
  return true;
}

/**
 * One answer at a time in large type, for the classroom projector. Full screen where the browser
 * allows it; otherwise (or if refused) a fixed layer over the page does the same job.
 * Keys: → next, ← previous; PageDown / PageUp (what presentation clickers send) scroll an answer
 * too long for the screen, then go on; ↓ / ↑ next or previous question, Home / End, S star, Esc exit.
 */
export function Projector({ questions, slides, start, isStarred, onStar, onClose, namesSwitch, hideNames = false }: Props) {
  const [index, setIndex] = useState(start);
  const [status, setStatus] = useState("");
  const overlay = useRef<HTMLDivElement>(null);
  const questionBox = useRef<HTMLDivElement>(null);
  const questionText = useRef<HTMLHeadingElement>(null);
  const answerBox = useRef<HTMLDivElement>(null);
  const answerText = useRef<HTMLParagraphElement>(null);
  const slide = slides[index] ?? slides[0]!;
  // Read by listeners registered once; always the latest values.
  const latest = useRef({ slide, onClose });
  useEffect(() => {
    latest.current = { slide, onClose };
  });

  const questionIndex = questions.findIndex((q) => q.id === slide.questionId);
  const question = questions[questionIndex];
  const answer = question?.answers.find((a) => a.submissionId === slide.submissionId);
  const starred = isStarred(answerKey(slide.questionId, slide.submissionId));
  const { position, total } = positionInQuestion(slides, index);

  // At either end, the button pressed to get there keeps the focus (go stays within the slides).
  const atFirst = useFocusSafeDisabled(index === 0);
  const atLast = useFocusSafeDisabled(index === slides.length - 1);
  const go = (to: number) => {
    setIndex(Math.max(0, Math.min(slides.length - 1, to)));
    setStatus("");
  };
  const toggleStar = async () => {
    setStatus(starred ? "Star removed." : "Starred.");
    const error = await onStar(slide, !starred);
    if (error) setStatus(error);
  };

  useProjectorLayer(overlay, () => latest.current.onClose(latest.current.slide));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      switch (event.key) {
        case "ArrowRight":
          go(index + 1);
          break;
        case "ArrowLeft":
          go(index - 1);
          break;
        // A clicker's keys: through an answer too long for the screen first, then on to the next.
        case "PageDown":
          if (!scrollAnswer(answerBox.current, 1)) go(index + 1);
          break;
        case "PageUp":
          if (!scrollAnswer(answerBox.current, -1)) go(index - 1);
          break;
        case "ArrowDown":
          go(questionJump(slides, index, 1));
          break;
        case "ArrowUp":
          go(questionJump(slides, index, -1));
          break;
        case "Home":
          go(0);
          break;
        case "End":
          go(slides.length - 1);
          break;
        case "s":
        case "S":
          if (!event.repeat) void toggleStar();
          break;
        case "Escape":
          onClose(slide);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const label = answer ? answerLabel(answer.number) : "";
  // The question and the answer shrink until the screen shows all of each (a projector of 1024×768
  // cut off answers of two sentences); one that still doesn't fit at the smallest size scrolls, and
  // a fade at the bottom says there is more.
  useFitText(questionBox, questionText, { largest: "", content: question?.prompt ?? "" });
  const answerMore = useFitText(answerBox, answerText, {
    largest: answer ? projectorFontSize(answer.text) : "",
    content: `${answerKey(slide.questionId, slide.submissionId)} ${answer?.text}`,
    fitKey: `${!hideNames && answer?.name} ${starred}`,
  });

  return createPortal(
    <div
      ref={overlay}
      role="dialog"
      aria-modal="true"
      aria-label="Projector mode"
      tabIndex={-1}
      data-testid="projector"
      className="fixed inset-0 z-50 flex flex-col bg-white text-slate-950 outline-none"
    >
      <header className="flex flex-wrap items-start gap-x-6 gap-y-3 border-b-2 border-slate-200 px-4 py-3 sm:px-6 sm:py-4 lg:px-12">
        {/* A basis of its own: with 0 the toolbar stayed on the same line on a phone and squeezed
            the question into a column one letter wide; now the toolbar wraps below instead. */}
        <div ref={questionBox} className="max-h-[30vh] min-w-0 flex-[1_1_16rem] overflow-y-auto">
          <p className="text-lg font-semibold text-slate-700">
            Question {questionIndex + 1} of {questions.length}
          </p>
          <h2
            ref={questionText}
            className="mt-1 text-xl leading-snug font-semibold wrap-anywhere sm:text-2xl lg:text-3xl"
            data-testid="projector-question"
          >
            {question?.prompt}
          </h2>
        </div>
        <div className="flex shrink-0 items-center gap-4">
          {namesSwitch}
          <button
            type="button"
            onClick={() => onClose(slide)}
            className="inline-flex min-h-12 items-center gap-2 rounded-md px-4 text-lg font-semibold ring-2 ring-slate-900 ring-inset hover:bg-slate-100"
          >
            Exit
            <kbd aria-hidden className="rounded bg-slate-200 px-1.5 text-sm font-medium">
              Esc
            </kbd>
          </button>
        </div>
      </header>

      <div className="relative flex min-h-0 flex-1 flex-col">
        <div ref={answerBox} data-testid="projector-answer-box" className="flex-1 overflow-y-auto px-6 py-8 lg:px-16 lg:py-12">
          {answer ? (
            // A new key per answer replays the fade-in; motion-reduce users get the answer at once.
            <article
              key={answerKey(slide.questionId, slide.submissionId)}
              aria-labelledby="projector-answer-label"
              className="mx-auto max-w-6xl transition-opacity duration-300 starting:opacity-0 motion-reduce:transition-none"
            >
              <p id="projector-answer-label" className="flex flex-wrap items-center gap-x-3 text-2xl font-semibold text-slate-700">
                <span>{label}</span>
                {answer.name && !hideNames && (
                  <span className="text-slate-950">
                    <span aria-hidden>· </span>
                    <span data-testid="projector-name">{answer.name}</span>
                  </span>
                )}
                {starred && (
                  <span className="inline-flex items-center gap-1 text-xl text-amber-900">
                    <StarIcon filled className="size-6" />
                    Starred
                  </span>
                )}
              </p>
              <p
                ref={answerText}
                data-testid="projector-answer"
                className="mt-6 leading-snug font-medium whitespace-pre-wrap wrap-anywhere"
                style={{ fontSize: projectorFontSize(answer.text) }}
              >
                {answer.text}
              </p>
            </article>
          ) : (
            <p className="text-2xl text-slate-700">This answer is no longer on the board.</p>
          )}
        </div>
        {answerMore && (
          // Over the bottom of the box while there is more below.
          <div
            aria-hidden
            data-testid="projector-more"
            className="pointer-events-none absolute inset-x-0 bottom-0 h-16 bg-linear-to-t from-white"
          />
        )}
      </div>

      <footer className="flex flex-wrap items-center justify-between gap-4 border-t-2 border-slate-200 px-6 py-4 lg:px-12">
        <button type="button" className={navButton} onClick={() => go(index - 1)} {...atFirst}>
          <span aria-hidden>←</span> Previous
        </button>
        <div className="flex flex-wrap items-center justify-center gap-x-6 gap-y-2">
          <p className="text-3xl font-bold tabular-nums" aria-live="polite" aria-atomic="true">
            <span className="sr-only">{label}, </span>
            <span data-testid="projector-position">
              {position} of {total}
            </span>
          </p>
          <StarButton starred={starred} label="Star this answer" onToggle={() => void toggleStar()} large />
        </div>
        <button type="button" className={navButton} onClick={() => go(index + 1)} {...atLast}>
          Next <span aria-hidden>→</span>
        </button>
        <p role="status" className="w-full text-center text-lg text-slate-800 empty:hidden">
          {status}
        </p>
        <p className="w-full text-center text-base text-slate-700">
          Keys: <kbd>←</kbd> <kbd>→</kbd> answers · <kbd>↑</kbd> <kbd>↓</kbd> questions · <kbd>S</kbd> star · <kbd>Esc</kbd> exit
          {answerMore && (
            <>
              {" "}
              · <kbd>PgDn</kbd> <kbd>PgUp</kbd> scroll the answer
            </>
          )}
        </p>
      </footer>
    </div>,
    document.body,
  );
}
