"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { ahead, patient } from "@/components/ui/patient-import";
import { useReady } from "@/components/ui/use-ready";
import { useScrollPaddingFor } from "@/components/ui/use-scroll-padding";
import type { LessonContent } from "@/lib/lesson/types";
import type { Draft } from "@/lib/validations/workspace";
import type { SubmittedWork } from "@/lib/draft-differences";
import { assessSteps, REVIEW_TAB, STEPS, type StepId } from "@/lib/workspace";
import type { WorkImage } from "@/lib/workspace";
import { IdeationStep } from "./ideation-step";
import { useAutosave, type SaveStatus } from "./use-autosave";
import { useUploads } from "./use-uploads";
import { usePassed } from "@/components/ui/use-passed";
import { useLeaveGuard } from "@/components/forms/use-leave-guard";
import { UntilReady } from "@/components/ui/until-ready";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { CONFLICT_HEADLINE, graphicButtonId, USE_CARDS_ID } from "./step-props";
import { WORK_STARTED_EVENT } from "./work-status-badge";

// The workspace opens on ideation. The other steps are not part of the first load (on a school
// phone every kilobyte counts before the page answers): they are fetched as soon as it has.
// (patiently: on a network that drops, a step shows "Loading…" until it is back, not an error.)
const laterSteps = {
  copy: patient(() => import("./copy-step")),
  design: patient(() => import("./design-step")),
  reflection: patient(() => import("./reflection-step")),
  review: patient(() => import("./review-step")),
};
const loading = () => <p className="text-sm text-slate-600">Loading…</p>;
const CopyStep = dynamic(() => laterSteps.copy().then((m) => m.CopyStep), { loading });
const DesignStep = dynamic(() => laterSteps.design().then((m) => m.DesignStep), { loading });
const ReflectionStep = dynamic(() => laterSteps.reflection().then((m) => m.ReflectionStep), { loading });
const ReviewStep = dynamic(() => laterSteps.review().then((m) => m.ReviewStep), { loading });
// Two versions of the work to choose between happen rarely (another tab, another device): the chooser
// is fetched with the later steps, and says what happened while it comes.
const loadConflictChooser = patient(() => import("./conflict-chooser"));
const ConflictChooser = dynamic(() => loadConflictChooser().then((m) => m.ConflictChooser), {
  loading: () => (
    <p role="alert" className="mb-4 rounded-md bg-amber-50 p-4 text-sm font-semibold text-amber-950 ring-1 ring-amber-300">
      {CONFLICT_HEADLINE} Loading…
    </p>
  ),
});

type Props = {
  assignmentId: string;
  userId: string;
  content: LessonContent;
  draft: Draft;
  version: number;
  images: WorkImage[];
  attempts: { number: number; submittedAt: string; late: boolean }[];
  lastSubmitted: { number: number; work: SubmittedWork } | null;
  editable: boolean;
  readOnlyReason: string | null;
  /** Whether a submission now would be marked late, as the server saw it when it rendered the page. */
  late: boolean;
  /** From when a submission is marked late (the due date, when late work is accepted), to keep `late` true to the clock. */
  lateAfter: string | null;
};

type Tab = StepId | "review";
const TABS: { id: Tab; title: string; short: string }[] = [...STEPS, REVIEW_TAB];

const STATUS_TEXT: Record<SaveStatus, string> = {
  saved: "Saved",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  retrying: "Not saved — retrying",
  conflict: "Changed elsewhere",
  blocked: "Not saved",
};

const UPLOAD_LEAVE_QUESTION = "A graphic is still uploading, and leaving this page stops it. Leave anyway?";

export function Workspace(props: Props) {
  const { assignmentId, content, editable } = props;
  const autosave = useAutosave({ assignmentId, userId: props.userId, draft: props.draft, version: props.version, editable });
  const [images, setImages] = useState(props.images);
  const uploads = useUploads({ assignmentId, images, setImages });
  // The studio's "Use these cards" on its way, owned here like the uploads: a student who goes on to
  // another step while the cards are drawn finds "Drawing…" on coming back (not a button that would
  // draw them twice), and the review waits for them.
  const [drawing, setDrawing] = useState(false);
  const late = usePassed(props.lateAfter, props.late);
  // Leaving the page stops an upload on its way: a link, a reload or signing out asks first.
  useLeaveGuard(
    uploads.uploads.some((u) => !u.error),
    UPLOAD_LEAVE_QUESTION,
  );
  const focusWhenShown = useFocusWhenShown();
  const [tab, setTab] = useState<Tab>("ideation");
  // The conflict's notice goes once resolved, and its buttons with it: the focus goes to the step below.
  const resolveConflict = (keep: "mine" | "theirs") => {
    autosave.resolveConflict(keep);
    document.getElementById(`panel-${tab}`)?.focus();
  };
  // The reasons of unticked datapoints, kept here so they outlive the Ideation tab (./ideation-step.tsx).
  const removedReasons = useRef(new Map<string, string>());
  const ready = useReady();
  useEffect(() => {
    for (const load of [...Object.values(laterSteps), loadConflictChooser]) ahead(load);
  }, []);
  // The title's status says "In progress" once the server has something of this tab's (./work-status-badge.tsx).
  const started = autosave.savedVersion !== props.version || images !== props.images;
  useEffect(() => {
    if (started) window.dispatchEvent(new Event(WORK_STARTED_EVENT));
  }, [started]);
  const readOnly = !editable || autosave.status === "blocked";
  // Why saving stopped (a conflict to settle, a refusal) is said above the steps: brought into view
  // when it happens, however far down the student was typing, and again from the status line.
  const trouble = useRef<HTMLDivElement>(null);
  const stepBar = useRef<HTMLDivElement>(null);
  useScrollPaddingFor(stepBar);
  const stopped = autosave.status === "conflict" || autosave.status === "blocked";
  useEffect(() => {
    if (stopped) trouble.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [stopped]);
  const showTrouble = () => {
    trouble.current?.scrollIntoView({ block: "nearest" });
    trouble.current?.focus();
  };
  // The tabs' done marks (the review step lists every issue, warnings included: lib/assess-work.ts).
  const progress = assessSteps(autosave.draft, images, content, uploads.inFlight);
  const stepProps = { draft: autosave.draft, update: autosave.update, readOnly, content };

  /** From a link inside a step (the review's checklist): open the step and put focus at its start. */
  const openStep = (id: Tab) => {
    setTab(id);
    requestAnimationFrame(() => document.getElementById(`panel-${id}`)?.focus());
  };

  const onTabKey = (event: KeyboardEvent, index: number) => {
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: -1 }[event.key];
    if (next === undefined) return;
    event.preventDefault(); // Home and End would scroll the page too
    const target = TABS[(next + TABS.length) % TABS.length]!;
    setTab(target.id);
    document.getElementById(`tab-${target.id}`)?.focus();
  };

  return (
    <div data-ready={ready || undefined}>
      {/* Stuck to the top while scrolling, except on a screen under 420 px tall (a phone on its side,
          or text zoomed 200-400%), where it would take a third to half of what is left to read. */}
      <div
        ref={stepBar}
        className="sticky top-0 z-10 [@media(max-height:419px)]:static -mx-4 mb-4 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur sm:mx-0 sm:rounded-lg sm:border sm:bg-white"
      >
        <div className="flex flex-wrap items-center justify-between gap-2">
          {/* All five in sight at any width: five columns on a phone, a row that wraps above that
              (it scrolled sideways, showing three steps and no sign of the other two). */}
          <div role="tablist" aria-label="Steps" className="grid w-full grid-cols-5 gap-1 pb-1 sm:flex sm:w-auto sm:flex-wrap">
            {TABS.map((t, i) => {
              const done = t.id !== "review" && progress.done[t.id];
              return (
                <button
                  key={t.id}
                  id={`tab-${t.id}`}
                  role="tab"
                  type="button"
                  aria-selected={tab === t.id}
                  aria-controls={`panel-${t.id}`}
                  tabIndex={tab === t.id ? 0 : -1}
                  onClick={() => setTab(t.id)}
                  onKeyDown={(e) => onTabKey(e, i)}
                  className={`flex min-w-0 flex-col items-center gap-0.5 rounded-md px-1 py-1.5 text-xs font-medium whitespace-nowrap sm:flex-row sm:gap-1.5 sm:px-3 sm:py-2 sm:text-sm ${
                    tab === t.id ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-100"
                  }`}
                >
                  <span
                    aria-hidden
                    className={`grid size-5 shrink-0 place-items-center rounded-full text-xs ${done ? "bg-green-600 text-white" : "ring-1 ring-current"}`}
                  >
                    {done ? "✓" : i + 1}
                  </span>
                  {/* The name is what is shown (WCAG 2.5.3, label in name): a student using voice control
                      says "tap Ideas" on a phone. Hidden with display: none, the other is no part of it. */}
                  <span className="sm:hidden">{t.short}</span>
                  <span className="max-sm:hidden">{t.title}</span>
                  {t.id !== "review" && <span className="sr-only">{done ? " (done)" : " (not done)"}</span>}
                </button>
              );
            })}
          </div>
          {editable && (
            <p
              role="status"
              data-testid="save-status"
              className={`text-sm ${autosave.status === "retrying" || autosave.status === "blocked" ? "font-semibold text-red-700" : "text-slate-600"}`}
            >
              {stopped ? (
                <button type="button" onClick={showTrouble} className="underline underline-offset-2">
                  {STATUS_TEXT[autosave.status]}: see why
                </button>
              ) : autosave.status === "saved" && autosave.savedVersion === 0 && images.length === 0 ? (
                // Nothing typed or uploaded yet (the draft has never been saved): "Saved" would claim a save.
                "Saves as you type"
              ) : (
                STATUS_TEXT[autosave.status]
              )}
            </p>
          )}
        </div>
      </div>

      {props.readOnlyReason && (
        <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="read-only-reason">
          {props.readOnlyReason}
        </p>
      )}
      <div ref={trouble} tabIndex={-1} className="scroll-mt-24 focus:outline-none" data-testid="save-trouble">
        {autosave.message && (
          <p
            className={`mb-4 rounded-md p-3 text-sm ring-1 ${autosave.status === "blocked" ? "bg-red-50 text-red-800 ring-red-200" : "bg-indigo-50 text-indigo-900 ring-indigo-200"}`}
            role="alert"
          >
            {autosave.message}
            {autosave.signedOut && (
              <>
                {" "}
                <Link
                  href={`/sign-in?callbackUrl=${encodeURIComponent(`/assignments/${assignmentId}`)}`}
                  className="font-semibold underline"
                >
                  Sign in again
                </Link>
              </>
            )}
          </p>
        )}
        {autosave.conflict && (
          <ConflictChooser mine={autosave.draft} theirs={autosave.conflict.theirs} content={content} onResolve={resolveConflict} />
        )}
      </div>

      {TABS.map((t) => (
        <section
          key={t.id}
          id={`panel-${t.id}`}
          role="tabpanel"
          aria-labelledby={`tab-${t.id}`}
          hidden={tab !== t.id}
          tabIndex={-1}
          className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 sm:p-6"
        >
          {tab === t.id && (
            // Until this screen hydrates, what is typed or ticked would show without reaching the saved
            // work: the step's controls wait for it.
            <UntilReady>
              <h2 className="mb-4 text-lg font-semibold">{t.title}</h2>
              {t.id === "ideation" && <IdeationStep {...stepProps} removedReasons={removedReasons} />}
              {t.id === "copy" && <CopyStep {...stepProps} />}
              {t.id === "design" && (
                <DesignStep
                  assignmentId={assignmentId}
                  images={images}
                  setImages={setImages}
                  uploads={uploads}
                  readOnly={readOnly}
                  studio={{
                    assignmentId,
                    draft: autosave.draft,
                    update: autosave.update,
                    content,
                    readOnly,
                    flush: autosave.flush,
                    drawing,
                    onDrawing: setDrawing,
                    onAdded: (added) => {
                      setImages((list) => [...list, ...added]);
                      // "Use these cards" goes disabled with nothing ticked: the focus goes on to the first new
                      // card, in view; unless the student has gone on to something else while it drew.
                      const active = document.activeElement;
                      if (added[0] && (!active || active === document.body || active.id === USE_CARDS_ID))
                        focusWhenShown(graphicButtonId(added[0].id));
                    },
                  }}
                />
              )}
              {t.id === "reflection" && <ReflectionStep {...stepProps} />}
              {t.id === "review" && (
                <ReviewStep
                  assignmentId={assignmentId}
                  draft={autosave.draft}
                  images={images}
                  uploads={uploads.uploads}
                  drawing={drawing}
                  content={content}
                  readOnly={readOnly}
                  late={late}
                  attempts={props.attempts}
                  lastSubmitted={props.lastSubmitted}
                  flush={autosave.flush}
                  version={autosave.version}
                  saved={autosave.status === "saved"}
                  goTo={openStep}
                />
              )}
            </UntilReady>
          )}
        </section>
      ))}
    </div>
  );
}
