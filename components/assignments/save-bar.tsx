"use client";

import { useRef, type ReactNode } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { useLeaveGuard } from "@/components/forms/use-leave-guard";

/**
 * The foot of an editor: its save button, any extra actions, and whether what is on screen has been
 * saved. Leaving the page with unsaved changes asks first, by link or by the browser.
 */
export function SaveBar({
  dirty,
  pending,
  saveLabel,
  onDiscard,
  children,
}: {
  dirty: boolean;
  pending: boolean;
  saveLabel: string;
  /** Puts back what was last saved: offered while there are unsaved changes. */
  onDiscard?: () => void;
  children?: ReactNode;
}) {
  useLeaveGuard(dirty);
  const bar = useRef<HTMLDivElement>(null);

  return (
    <div ref={bar} className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2 border-t border-slate-200 pt-4">
      <SubmitButton pending={pending}>{saveLabel}</SubmitButton>
      {dirty && onDiscard && (
        // Not while a save is on its way (its answer would then mark the old values unsaved). Once
        // pressed the button goes, with nothing left to discard: the focus goes to Save beside it.
        <Button
          variant="ghost"
          disabled={pending}
          onClick={() => {
            onDiscard();
            bar.current?.querySelector<HTMLElement>("button[type=submit]")?.focus();
          }}
        >
          Discard changes
        </Button>
      )}
      {children}
      <p
        data-testid="save-state"
        aria-live="polite"
        className={`text-sm sm:ml-auto ${dirty ? "font-medium text-amber-800" : "text-slate-600"}`}
      >
        {dirty ? "Unsaved changes" : "Saved"}
      </p>
    </div>
  );
}
