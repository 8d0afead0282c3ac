"use client";

import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useFocusSafeDisabled } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { useReady } from "@/components/ui/use-ready";
import { useProjectorLayer } from "@/components/ui/use-projector-layer";
import {
  formatClock,
  isRunning,
  milestoneBetween,
  newTimer,
  pauseTimer,
  resetTimer,
  spokenTimeLeft,
  startTimer,
  timeLeft,
  type TimerState,
} from "@/lib/lesson/timer";

type Props = { part: number; title: string; minutes: number };

/** A part's timer: a button on the lesson plan that opens it full screen, for the projector. */
export function ClassroomTimer({ part, title, minutes }: Props) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const ready = useReady();
  return (
    <>
      <button ref={opener} type="button" data-ready={ready || undefined} className={buttonClass("secondary")} onClick={() => setOpen(true)}>
        <ClockIcon />
        Project a {minutes}-minute timer<span className="sr-only"> for part {part}</span>
      </button>
      {open && (
        <TimerProjector
          part={part}
          title={title}
          minutes={minutes}
          onClose={() => {
            setOpen(false);
            requestAnimationFrame(() => opener.current?.focus());
          }}
        />
      )}
    </>
  );
}

const bigButton =
  "inline-flex min-h-14 min-w-36 items-center justify-center gap-3 rounded-md px-6 text-2xl font-semibold focus-visible:outline-4 focus-visible:outline-offset-4 focus-visible:outline-indigo-600";

/**
 * The timer in projector mode: digits as large as the screen allows, a modal layer over the page
 * (full screen where the browser allows it). Keys: Space or K start and pause, R resets, Esc
 * closes. Screen readers hear each change and each whole minute, politely.
 */
function TimerProjector({ part, title, minutes, onClose }: Props & { onClose: () => void }) {
  const [timer, setTimer] = useState<TimerState>(() => newTimer(minutes));
  const [now, setNow] = useState(() => Date.now());
  const [announcement, setAnnouncement] = useState("");
  const overlay = useRef<HTMLDivElement>(null);
  const left = timeLeft(timer, now);
  const running = isRunning(timer, now);
  const done = left <= 0;
  // Time up while Pause has the focus: it keeps it (Reset is next to it).
  const doneSafe = useFocusSafeDisabled(done);
  const lastLeft = useRef(left);

  // Ticks only while running, and stops at zero; four a second keeps the seconds digit on time.
  useEffect(() => {
    if (timer.since === null || done) return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, [timer.since, done]);

  useEffect(() => {
    const milestone = milestoneBetween(lastLeft.current, left);
    lastLeft.current = left;
    if (milestone) setAnnouncement(milestone);
  }, [left]);

  useProjectorLayer(overlay, onClose, () => overlay.current?.querySelector<HTMLButtonElement>("[data-timer-toggle]") ?? null);

  const toggle = () => {
    const at = Date.now();
    setNow(at);
    if (isRunning(timer, at)) {
      setTimer(pauseTimer(timer, at));
      setAnnouncement(`Paused. ${spokenTimeLeft(timeLeft(timer, at))}`);
    } else if (timeLeft(timer, at) > 0) {
      setTimer(startTimer(pauseTimer(timer, at), at));
      setAnnouncement(`Started. ${spokenTimeLeft(timeLeft(timer, at))}`);
    }
  };
  const reset = () => {
    const at = Date.now();
    setNow(at);
    setTimer(resetTimer(timer));
    lastLeft.current = timer.duration;
    setAnnouncement(`Reset. ${spokenTimeLeft(timer.duration)}`);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.repeat) return;
      // A focused button already answers Space and Enter itself.
      const onButton = event.target instanceof HTMLButtonElement;
      if ((event.key === " " || event.key === "Enter") && onButton) return;
      if (event.key === " " || event.key === "k" || event.key === "K") toggle();
      else if (event.key === "r" || event.key === "R") reset();
      else if (event.key === "Escape") onClose();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const state = done ? "Time's up" : running ? "Running" : timer.left === timer.duration ? "Ready" : "Paused";

  return createPortal(
    <div
      ref={overlay}
      role="dialog"
      aria-modal="true"
      aria-labelledby="timer-title"
      tabIndex={-1}
      data-testid="timer-projector"
      className={`fixed inset-0 z-50 flex flex-col outline-none ${done ? "bg-amber-50 text-slate-950" : "bg-white text-slate-950"}`}
    >
      <header className="flex flex-wrap items-center justify-between gap-3 border-b-2 border-slate-200 px-4 py-3 sm:px-8">
        <h2 id="timer-title" className="min-w-0 text-xl font-semibold wrap-anywhere sm:text-3xl">
          <span className="text-slate-700">Part {part}: </span>
          {title}
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="inline-flex min-h-12 items-center gap-2 rounded-md px-4 text-lg font-semibold ring-2 ring-slate-900 ring-inset hover:bg-slate-100"
        >
          Exit
          <kbd aria-hidden className="rounded bg-slate-200 px-1.5 text-sm font-medium">
            Esc
          </kbd>
        </button>
      </header>

      <div className="flex flex-1 flex-col items-center justify-center gap-2 px-4">
        <p className="text-2xl font-semibold text-slate-700 sm:text-3xl" data-testid="timer-state">
          {state}
        </p>
        {/* role="timer" is not announced on every change; the polite region below carries the news. */}
        <p
          role="timer"
          aria-label={`Time left: ${spokenTimeLeft(left)}`}
          data-testid="timer-digits"
          className="leading-none font-bold tabular-nums"
          style={{ fontSize: "min(30vw, 45vh)" }}
        >
          {formatClock(left)}
        </p>
        <p aria-live="polite" aria-atomic="true" className="sr-only" data-testid="timer-announcement">
          {announcement}
        </p>
      </div>

      <footer className="flex flex-col items-center gap-3 border-t-2 border-slate-200 px-4 py-4">
        <div className="flex flex-wrap justify-center gap-3">
          <button
            type="button"
            data-timer-toggle
            onClick={toggle}
            {...doneSafe}
            aria-keyshortcuts="Space K"
            className={`${bigButton} bg-slate-900 text-white hover:bg-slate-700 disabled:bg-slate-300 disabled:text-slate-700 aria-disabled:bg-slate-300 aria-disabled:text-slate-700`}
          >
            {running ? "Pause" : timer.left === timer.duration ? "Start" : "Resume"}
          </button>
          <button
            type="button"
            onClick={reset}
            aria-keyshortcuts="R"
            className={`${bigButton} text-slate-950 ring-2 ring-slate-900 ring-inset hover:bg-slate-100`}
          >
            Reset
          </button>
        </div>
        <p className="text-center text-base text-slate-700">
          Keys: <kbd>Space</kbd> start or pause · <kbd>R</kbd> reset · <kbd>Esc</kbd> exit
        </p>
      </footer>
    </div>,
    document.body,
  );
}

function ClockIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-4">
      <circle cx="10" cy="10" r="7.5" />
      <path d="M10 5.5V10l3 2" strokeLinecap="round" />
    </svg>
  );
}
