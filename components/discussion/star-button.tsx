"use client";

type Props = { starred: boolean; label: string; onToggle: () => void; large?: boolean };

/** A toggle button: pressed means "bring this answer up in class". */
export function StarButton({ starred, label, onToggle, large = false }: Props) {
  return (
    <button
      type="button"
      aria-pressed={starred}
      aria-label={label}
      onClick={onToggle}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-md font-semibold ring-1 ring-inset transition-colors motion-reduce:transition-none ${
        large ? "min-h-14 px-5 text-xl" : "min-h-9 px-2.5 text-sm"
      } ${starred ? "bg-amber-100 text-amber-950 ring-amber-500 hover:bg-amber-200" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"}`}
    >
      <StarIcon filled={starred} className={large ? "size-7" : "size-4"} />
      <span>Star</span>
    </button>
  );
}

export function StarIcon({ filled, className = "size-4" }: { filled: boolean; className?: string }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 20 20"
      className={`${className} ${filled ? "fill-amber-600 stroke-amber-700" : "fill-none stroke-current"}`}
      strokeWidth={1.5}
    >
      <path strokeLinejoin="round" d="M10 2.5l2.3 4.7 5.2.8-3.75 3.65.9 5.15L10 14.35 5.35 16.8l.9-5.15L2.5 8l5.2-.8L10 2.5z" />
    </svg>
  );
}
