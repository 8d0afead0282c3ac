"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { bankCommentAction, reopenWorkAction, returnWorkAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { ahead, patient } from "@/components/ui/patient-import";
import { toast, useUndoToast } from "@/components/ui/toast";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { useReady } from "@/components/ui/use-ready";
import { criterionKey, partialReturnQuestion, rubricMaximum } from "@/lib/grading";
import type { Rubric } from "@/lib/lesson/types";
import type { SaveStatus } from "@/lib/save-engine";
import { GRADING_LIMITS } from "@/lib/validations/limits";
import type { Banked } from "./banked-comment";
import { CriterionRow } from "./criterion-row";
import { loadGradingExtras } from "./lazy-extras";
import { OverallFeedback } from "./overall-feedback";
import { useGradeSaver, type ScoreValue } from "./use-grade-saver";
import { useGradingKeys } from "./use-grading-keys";
import { focusIfLost } from "@/components/ui/focus-if-lost";
import { UntilReady } from "@/components/ui/until-ready";

// The shortcuts dialog opens only on request: not part of the first load, fetched once the panel is up.
const loadShortcutHelp = patient(() => import("./shortcut-help"));
const ShortcutHelp = dynamic(() => loadShortcutHelp().then((m) => m.ShortcutHelp));

type Props = {
  sectionId: string;
  assignmentId: string;
  submissionId: string;
  rubric: Rubric;
  scores: Record<string, ScoreValue>;
  versions: Record<string, number>;
  feedback: { text: string; version: number };
  hints: Record<string, string[]>;
  bank: Banked[];
  returned: boolean;
  submitted: boolean;
  /**
   * Asked before the first score on this visit of work not handed in (lib/grading.ts draftScoreQuestion,
   * in an excused student's own words). Questions come as text from the server: not in the page's JavaScript.
   */
  draftScoreQuestion: string;
  /** The attempt on screen: a return is refused once the student has handed in another. */
  attempt: number;
  /** The scores were saved before this attempt was handed in: the question to ask before returning them with it (else null). */
  handedInSinceScored: string | null;
  prevHref: string | null;
  nextHref: string | null;
  /** Finds the next student who needs grading when followed (a redirect), or says that nobody does. */
  nextUngradedHref: string;
};

const STATUS_TEXT: Record<SaveStatus, string> = {
  saved: "All changes saved",
  unsaved: "Saving…",
  saving: "Saving…",
  retrying: "Not saved — retrying",
  conflict: "Changed elsewhere — choose below",
  refused: "Not saved",
};

const UNSAVED = "Some changes aren't saved yet. Resolve them first.";

const RETURNED_CHANGE_QUESTION =
  "This work has been returned, so the student sees its scores. Change this score? They will see the grade marked Updated.";

/**
 * Where an Undo toast goes. Beside the work (1024 px and wider) the panel's last buttons (Reopen,
 * Next) reach the screen's foot, where a toast in the middle would sit over them for as long as it
 * offers Undo: there it goes over the work instead.
 */
const besideWork = () => (window.matchMedia("(min-width: 1024px)").matches ? ("bottom-left" as const) : undefined);

/** Grading one submission: the rubric, comments, overall feedback, returning, and moving on. */
export function GradingPanel(props: Props) {
  const { rubric, submissionId } = props;
  const router = useRouter();
  const ready = useReady();
  const saver = useGradeSaver({ submissionId, scores: props.scores, versions: props.versions, feedback: props.feedback });
  const [focused, setFocused] = useState(0);
  const [help, setHelp] = useState(false);
  const [bankOpen, setBankOpen] = useState<string | null>(null);
  const [bank, setBank] = useState(props.bank);
  const { run, pending } = useRunAction();
  const offerUndo = useUndoToast();
  // A cleared score's Undo: a toast of its own, so that it never takes the place of a return's.
  const offerUndoClear = useUndoToast();
  const focusWhenShown = useFocusWhenShown();
  const criterionRefs = useRef<(HTMLElement | null)[]>([]);
  useEffect(() => {
    ahead(loadShortcutHelp);
    loadGradingExtras();
    // The student's name, when the view comes (the button or row that had the focus went with the last student).
    focusIfLost("grading-student");
  }, []);

  const total = rubric.criteria.reduce((sum, c) => sum + (saver.score(c.id).value.points ?? 0), 0);
  const scored = rubric.criteria.filter((c) => saver.score(c.id).value.points !== null).length;

  const go = async (href: string | null, end?: "first" | "last") => {
    if (!href) return end && toast.info(`This is the ${end} student in this list.`);
    // Background saves land before we leave, so "score, score, score, score, next" loses nothing.
    if (!(await saver.flush())) {
      toast.error(UNSAVED);
      return;
    }
    router.push(href);
  };

  const highlight = (index: number) => {
    const clamped = Math.max(0, Math.min(rubric.criteria.length - 1, index));
    setFocused(clamped);
    criterionRefs.current[clamped]?.focus();
  };

  // Returned work: the student already sees its scores, and a digit key is easy to press by mistake,
  // so the first change of a score on this visit asks first.
  const returnedChangeAgreed = useRef<string | null>(null);
  // Work not handed in (a draft, perhaps missing): a score counts in the grade export, so the first on this visit asks too.
  const draftScoreAgreed = useRef<string | null>(null);
  /**
   * Scores a criterion (then moves on to the next), or takes its score away (null). `stay`: chosen
   * from the keyboard on its radio, which keeps the focus, as radios do (the arrows then move between
   * its levels, not to another student).
   */
  const setLevel = (index: number, points: number | null, stay?: boolean) => {
    const criterion = rubric.criteria[index];
    if (!criterion || (points !== null && !criterion.levels.some((l) => l.points === points))) return;
    const score = saver.score(criterion.id);
    if (score.value.points === points) return points === null || stay ? undefined : highlight(index + 1);
    if (returned && returnedChangeAgreed.current !== submissionId) {
      if (!window.confirm(RETURNED_CHANGE_QUESTION)) return;
      returnedChangeAgreed.current = submissionId;
    } else if (!returned && !props.submitted && points !== null && draftScoreAgreed.current !== submissionId) {
      if (!window.confirm(props.draftScoreQuestion)) return;
      draftScoreAgreed.current = submissionId;
    }
    const before = score.value.points;
    score.change({ ...score.value, points }, true);
    // Scored: on to the next criterion. Cleared: the focus stays with this one (Clear score goes with its score).
    if (!stay) highlight(points === null ? index : index + 1);
    // A cleared score is one key (Backspace) from gone: Undo puts it back, unless it was scored again meanwhile.
    if (points === null && before !== null) {
      cleared.current = index;
      offerUndoClear(`Cleared the ${criterion.title} score.`, () => restore(index, before), { position: besideWork() });
    } else if (cleared.current === index) {
      cleared.current = null; // scored again: nothing left to undo
      offerUndoClear.dismiss();
    }
  };
  const cleared = useRef<number | null>(null);
  const restore = (index: number, points: number) => {
    const criterion = rubric.criteria[index]!;
    const score = saver.score(criterion.id);
    cleared.current = null;
    if (score.value.points !== null) return void toast.info(`The ${criterion.title} score was given again since, so it stays as it is.`);
    score.change({ ...score.value, points }, true);
    highlight(index);
  };

  // Set at the first press, before the flush: a second R while the changes are saving (when `pending`
  // has not started yet) would return the work again and report an error after "Returned".
  const returning = useRef(false);
  // Returned (or reopened) from this screen: shown at once, before the refresh brings the new props
  // (an R pressed in between returned the work a second time and reported an error).
  // Set by Return and Reopen alike, and only as long as the props still say what they said before
  // the action: once the refresh lands, the server's word counts again.
  const [override, setOverride] = useState<{ submissionId: string; returned: boolean; before: boolean } | null>(null);
  const returned =
    override && override.submissionId === submissionId && override.before === props.returned ? override.returned : props.returned;
  const returnWork = async () => {
    if (pending || returning.current) return;
    // R is one key away from the scores: returning unfinished scores takes a second thought.
    const partial = partialReturnQuestion(rubric.criteria.length, scored);
    if (partial && !window.confirm(partial)) return;
    returning.current = true;
    // Pressed on the button, which goes with the return: the focus goes on to the one that replaces it.
    const fromButton = document.activeElement?.id === "return-work";
    try {
      if (!(await saver.flush())) return toast.error(UNSAVED);
      // Scores given to an earlier attempt, none changed here since: the new attempt may deserve others.
      const rescored = rubric.criteria.some((c) => saver.score(c.id).version !== (props.versions[c.id] ?? 0));
      if (props.handedInSinceScored && !rescored && !window.confirm(props.handedInSinceScored)) return;
      const submission = { id: submissionId, attempt: props.attempt };
      await run(returnWorkAction, { sectionId: props.sectionId, assignmentId: props.assignmentId, submission }, () => {
        setOverride({ submissionId, returned: true, before: props.returned });
        // Returned: the student sees the scores now, so a cleared score's Undo (which asks nothing) goes.
        cleared.current = null;
        offerUndoClear.dismiss();
        // R is a single key: a stray press is undone from the toast (as Reopen would, from the button).
        offerUndo("Returned to the student.", () => void reopen("Undone: the work is no longer returned.", true), {
          position: besideWork(),
        });
        if (fromButton) focusWhenShown("reopen-work");
        router.refresh();
      });
    } finally {
      returning.current = false;
    }
  };

  const reopen = (done: string, undo = false) =>
    run(reopenWorkAction, { submissionId, undo }, ({ studentLockedOut }) => {
      setOverride({ submissionId, returned: false, before: props.returned });
      // Reopened from its button: the return's Undo, still on screen, would find nothing to undo.
      if (!undo) offerUndo.dismiss();
      // Reopened where nothing can change (closed, archived): the teacher hears what would let the student.
      if (studentLockedOut && !undo) toast.warning(`Reopened, but the student can't change it: ${studentLockedOut}.`);
      else toast.success(done);
      focusWhenShown("return-work"); // from Reopen, or from the toast's Undo: both buttons are gone
      router.refresh();
    });

  const focusedId = rubric.criteria[focused]?.id;
  useGradingKeys({
    score: (points) => setLevel(focused, points),
    clear: () => setLevel(focused, null),
    move: (by) => highlight(focused + by),
    previous: () => void go(props.prevHref, "first"),
    next: () => void go(props.nextHref, "last"),
    nextUngraded: () => void go(props.nextUngradedHref),
    returnWork: () => {
      if (props.submitted && !returned) void returnWork();
      else toast.error(returned ? "This work has already been returned." : "Nothing has been submitted to return yet.");
    },
    comment: () => document.getElementById(`comment-${focusedId}`)?.focus(),
    leaveField: (field) => {
      const owner = rubric.criteria.findIndex((c) => field.id === `comment-${c.id}`);
      // The overall feedback, the extension's date: back to the criterion last scored, not to the page.
      highlight(owner >= 0 ? owner : focused);
    },
    bank: () => {
      if (bankOpen !== focusedId) {
        setBankOpen(focusedId ?? null);
        return;
      }
      // Closed by B: focus goes back to its criterion, not to the page's top with the bank's buttons.
      setBankOpen(null);
      criterionRefs.current[focused]?.focus();
    },
    toggleHelp: () => setHelp((h) => !h),
    closeHelp: () => setHelp(false),
  });

  const insertBanked = (criterionId: string, text: string) => {
    const score = saver.score(criterionId);
    const current = score.value;
    const comment = current.comment.trim() ? `${current.comment.trim()}\n${text}` : text;
    // Cut to fit, it would lose the comment's end unseen, or leave half an emoji the save refuses.
    if (comment.length > GRADING_LIMITS.comment) {
      toast.error(
        `There's no room for that comment: this one would pass its limit of ${GRADING_LIMITS.comment.toLocaleString("en-US")} characters. Shorten it first.`,
      );
      return;
    }
    score.change({ ...current, comment }, true);
    setBankOpen(null);
    // The Insert button goes with the bank: focus goes back to its criterion, where the keys score it.
    criterionRefs.current[rubric.criteria.findIndex((c) => c.id === criterionId)]?.focus();
  };

  return (
    <div className="space-y-4" data-ready={ready || undefined}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-lg font-semibold" data-testid="grade-total" aria-live="polite">
          {/* Nothing scored is not a zero: "0 / 12" read as a grade of nothing. */}
          {scored === 0 ? `Not scored yet (out of ${rubricMaximum(rubric)})` : `${total} / ${rubricMaximum(rubric)}`}{" "}
          {scored > 0 && (
            <span className="text-sm font-normal text-slate-600">
              ({scored} of {rubric.criteria.length} scored)
            </span>
          )}
        </p>
        <p
          role="status"
          data-testid="grade-save-status"
          className={`text-sm ${saver.overall === "saved" ? "text-slate-600" : saver.overall === "unsaved" || saver.overall === "saving" ? "text-slate-700" : "font-semibold text-red-700"}`}
        >
          {STATUS_TEXT[saver.overall]}
        </p>
      </div>

      {/* A comment typed before the panel hydrates would be wiped by it: the rubric waits. */}
      <UntilReady>
        <ol className="space-y-3" aria-label="Rubric">
          {rubric.criteria.map((criterion, index) => (
            <CriterionRow
              key={criterion.id}
              criterion={criterion}
              score={saver.score(criterion.id)}
              highlighted={focused === index}
              hints={props.hints[criterion.id]}
              banked={bank.filter((b) => b.criterionKey === criterionKey(criterion.title))}
              bankOpen={bankOpen === criterion.id}
              pending={pending}
              rowRef={(el) => {
                criterionRefs.current[index] = el;
              }}
              onHighlight={() => setFocused(index)}
              onLevel={(points, stay) => setLevel(index, points, stay)}
              onToggleBank={() => setBankOpen(bankOpen === criterion.id ? null : criterion.id)}
              onSaveToBank={(text) =>
                run(bankCommentAction, { criterionTitle: criterion.title, text }, (row) => {
                  setBank((list) => (list.some((b) => b.id === row.id) ? list : [...list, row]));
                  toast.success(`Saved to your ${criterion.title} comments.`);
                })
              }
              onInsertBanked={(text) => insertBanked(criterion.id, text)}
              onBankedChanged={(id, text) =>
                setBank((list) => (text === null ? list.filter((x) => x.id !== id) : list.map((x) => (x.id === id ? { ...x, text } : x))))
              }
            />
          ))}
        </ol>

        <OverallFeedback feedback={saver.feedback} />
      </UntilReady>

      <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-3">
        {props.submitted && !returned && (
          <Button id="return-work" pending={pending} onClick={() => void returnWork()} aria-keyshortcuts="R">
            Return to student (R)
          </Button>
        )}
        {returned && (
          <Button
            id="reopen-work"
            variant="secondary"
            pending={pending}
            onClick={() => void reopen("Reopened: the student can change and resubmit.")}
          >
            Reopen for resubmission
          </Button>
        )}
        <Button variant="secondary" onClick={() => go(props.prevHref)} disabled={!props.prevHref}>
          ← Previous
        </Button>
        <Button variant="secondary" onClick={() => go(props.nextHref)} disabled={!props.nextHref}>
          Next →
        </Button>
        <a
          href={props.nextUngradedHref}
          data-leave-guard="self"
          className={buttonClass("secondary")}
          onClick={(event) => {
            // A plain click waits for the saves like N does; a new tab or window opens as links do.
            if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
            event.preventDefault();
            void go(props.nextUngradedHref);
          }}
        >
          Next ungraded (N)
        </a>
        <Button variant="ghost" onClick={() => setHelp(true)} aria-haspopup="dialog">
          Shortcuts (?)
        </Button>
      </div>

      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
