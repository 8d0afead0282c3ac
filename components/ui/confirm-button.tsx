"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { type ButtonVariant } from "@/components/ui/button-class";

type Props = {
  /** The button's words before asking (e.g. "Deactivate"). */
  label: string;
  /** What confirming will do, said in full. */
  question: ReactNode;
  confirmLabel: string;
  /** The backing-out button's words ("Cancel" unless said, e.g. "Keep this code"). */
  cancelLabel?: string;
  variant?: ButtonVariant;
  pending?: boolean;
  /** The opening button can't be pressed (nothing to act on). */
  disabled?: boolean;
  onConfirm: () => Promise<boolean> | void;
  /** The opening button's accessible name, when `label` alone is ambiguous ("Delete" beside each of several graphics). */
  ariaLabel?: string;
  /** Extra classes for the opening button (its size or place in a row). */
  className?: string;
};

/**
 * A destructive or hard-to-undo action asks first, in the page rather than a browser dialog: the
 * question appears next to the button, focus moves to its confirm button, Escape or Cancel backs out.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  cancelLabel = "Cancel",
  variant = "danger",
  pending = false,
  disabled = false,
  onConfirm,
  ariaLabel,
  className,
}: Props) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  /**
   * Focus goes back to the opening button once the question closes and the button can take it again,
   * unless the reader has put it somewhere else meanwhile (the buttons of the question are gone, so
   * focus otherwise sits on the page itself).
   */
  const refocus = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (refocus.current && !pending) {
      refocus.current = false;
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost) openerRef.current?.focus();
    }
  }, [asking, pending]);
  const close = () => {
    refocus.current = true;
    setAsking(false);
  };
  if (!asking) {
    return (
      <Button
        ref={openerRef}
        variant={variant === "danger" ? "danger" : "secondary"}
        onClick={() => setAsking(true)}
        pending={pending}
        disabled={disabled}
        aria-label={ariaLabel}
        className={className}
      >
        {label}
      </Button>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby={questionId}
      className="w-full rounded-md bg-slate-50 p-3 ring-1 ring-slate-200"
      onKeyDown={(event) => {
        if (event.key === "Escape") close();
      }}
    >
      <p id={questionId} className="mb-2 text-sm text-slate-800">
        {question}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          ref={confirmRef}
          variant={variant}
          pending={pending}
          onClick={async () => {
            const done = await onConfirm();
            // Done: the question closes and focus goes back to the opening button, if it is still
            // on the page (a deleted row takes it along).
            if (done !== false) close();
          }}
        >
          {confirmLabel}
        </Button>
        <Button variant="ghost" onClick={close}>
          {cancelLabel}
        </Button>
      </div>
    </div>
  );
}
