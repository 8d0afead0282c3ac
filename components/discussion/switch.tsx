"use client";

import { useId } from "react";

type Props = {
  label: string;
  checked: boolean;
  onChange: (next: boolean) => void;
  pending?: boolean;
  /** Larger and higher-contrast, for the projector. */
  large?: boolean;
};

/**
 * An on/off switch with its visible label; clicking the label flips it too. Off, its track is
 * slate-500: 4.8:1 on white, where slate-400 was 2.6:1, under the 3:1 a control needs (WCAG 1.4.11).
 */
export function Switch({ label, checked, onChange, pending = false, large = false }: Props) {
  const id = useId();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={checked}
        aria-busy={pending || undefined}
        // aria-disabled rather than disabled, so keyboard focus stays on the switch while it works.
        aria-disabled={pending || undefined}
        onClick={() => !pending && onChange(!checked)}
        className={`relative inline-flex shrink-0 rounded-full transition-colors motion-reduce:transition-none ${large ? "h-8 w-14" : "h-6 w-11"} ${
          checked ? "bg-indigo-600" : "bg-slate-500"
        } ${pending ? "opacity-70" : ""}`}
      >
        <span
          aria-hidden
          className={`absolute top-0.5 rounded-full bg-white shadow transition-transform motion-reduce:transition-none ${large ? "size-7" : "size-5"} ${
            checked ? (large ? "translate-x-6.5" : "translate-x-5.5") : "translate-x-0.5"
          }`}
        />
      </button>
      <label htmlFor={id} className={`cursor-pointer font-medium text-slate-900 ${large ? "text-lg" : "text-sm"}`}>
        {label}
      </label>
    </span>
  );
}
