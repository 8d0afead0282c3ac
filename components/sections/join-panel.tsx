"use client";

import { useSyncExternalStore } from "react";
import { regenerateJoinCodeAction, setJoinEnabledAction } from "@/app/sections/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { toast } from "@/components/ui/toast";
import { formatJoinCode } from "@/lib/join-code";

const noSubscribe = () => () => {};

type Props = { sectionId: string; joinCode: string; joinEnabled: boolean; archived: boolean };

export function JoinPanel({ sectionId, joinCode, joinEnabled, archived }: Props) {
  const origin = useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => "",
  );
  const link = `${origin}/join/${joinCode}`;
  const { pending, run } = useRunAction();
  const open = joinEnabled && !archived;

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(link);
      toast.success("Join link copied.");
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): select the text instead.
      document.getElementById("join-link")?.focus();
      toast.error("Couldn't copy automatically. The link is selected: press Ctrl+C (⌘C on a Mac).");
    }
  }

  return (
    <Card>
      <h2 className="text-base font-semibold">Students join with</h2>
      <p className="mt-3 text-xs font-medium tracking-wide text-slate-500 uppercase">Class code</p>
      <p
        data-testid="join-code"
        className={`font-mono text-3xl font-bold tracking-widest ${open ? "text-slate-900" : "text-slate-500 line-through"}`}
      >
        {formatJoinCode(joinCode)}
      </p>
      <label htmlFor="join-link" className="mt-4 block text-xs font-medium tracking-wide text-slate-500 uppercase">
        Join link
      </label>
      <input
        id="join-link"
        readOnly
        value={link}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-1 w-full rounded-md bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-700 ring-1 ring-slate-200"
      />
      <div className="mt-3 flex flex-wrap gap-2">
        <Button onClick={copyLink} disabled={!open}>
          Copy link
        </Button>
        <ConfirmButton
          label="New code"
          variant="primary"
          question="Make a new code? The current code and link will stop working. Students already in the class stay in it."
          confirmLabel="Make a new code"
          cancelLabel="Keep this code"
          pending={pending}
          onConfirm={() =>
            run(regenerateJoinCodeAction, { sectionId }, ({ joinCode: next }) => {
              toast.success(`New code: ${formatJoinCode(next)}`);
            })
          }
        />
      </div>
      <div className="mt-5 flex items-center justify-between gap-3 border-t border-slate-200 pt-4">
        <span id="joining-label" className="text-sm">
          <span className="block font-medium">Joining</span>
          <span className="block text-xs text-slate-600">
            {archived
              ? `Closed while the section is archived; ${joinEnabled ? "on" : "off"} again when you restore it.`
              : joinEnabled
                ? "Anyone with the code can join."
                : "Nobody can join right now."}
          </span>
        </span>
        <button
          type="button"
          role="switch"
          // Archived: shown off and left alone, so it says what students meet and keeps the setting restoring brings back.
          aria-checked={open}
          aria-labelledby="joining-label"
          disabled={archived}
          // Busy, not disabled, while it saves: the keyboard's focus stays on the switch.
          aria-busy={pending || undefined}
          aria-disabled={pending || undefined}
          onClick={() =>
            !pending &&
            run(setJoinEnabledAction, { sectionId, value: !joinEnabled }, (d) =>
              toast.success(d.joinEnabled ? "Joining turned on." : "Joining turned off."),
            )
          }
          className={`relative inline-flex h-6 w-11 shrink-0 rounded-full transition-colors disabled:opacity-60 aria-disabled:opacity-60 ${open ? "bg-indigo-600" : "bg-slate-500"}`}
        >
          <span
            aria-hidden
            className={`absolute top-0.5 size-5 rounded-full bg-white shadow transition-transform ${open ? "translate-x-5.5" : "translate-x-0.5"}`}
          />
        </button>
      </div>
    </Card>
  );
}
