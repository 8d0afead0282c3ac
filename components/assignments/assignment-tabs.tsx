"use client";

import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useReady } from "@/components/ui/use-ready";

export type AssignmentTab = { id: string; label: string; panel: ReactNode };

/**
 * Tabs for the assignment page (WAI-ARIA tabs: arrow keys, Home and End move between them).
 * Every panel stays mounted, so unsaved edits survive a look at another tab; the chosen tab goes
 * into the address (?tab=) so a reload or a shared link opens it.
 */
export function AssignmentTabs({ tabs, initial }: { tabs: AssignmentTab[]; initial: string }) {
  const [active, setActive] = useState(tabs.some((t) => t.id === initial) ? initial : tabs[0]!.id);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const ready = useReady();

  function select(id: string, focus = false) {
    setActive(id);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", id);
    window.history.replaceState(null, "", url);
    if (focus) buttons.current.get(id)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = tabs.length - 1;
    const moves: Record<string, (index: number) => number> = {
      ArrowRight: (index) => (index === last ? 0 : index + 1),
      ArrowLeft: (index) => (index === 0 ? last : index - 1),
      Home: () => 0,
      End: () => last,
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    select(tabs[move(tabs.findIndex((t) => t.id === active))]!.id, true);
  }

  return (
    <div data-ready={ready || undefined}>
      <div
        role="tablist"
        aria-label="Assignment"
        onKeyDown={onKeyDown}
        className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200"
      >
        {tabs.map((tab) => {
          const selected = tab.id === active;
          return (
            <button
              key={tab.id}
              ref={(node) => {
                if (node) buttons.current.set(tab.id, node);
                else buttons.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={`panel-${tab.id}`}
              tabIndex={selected ? 0 : -1}
              onClick={() => select(tab.id)}
              className={`-mb-px shrink-0 border-b-2 px-3 py-2.5 text-sm font-semibold transition-colors sm:px-4 ${
                selected
                  ? "border-indigo-600 text-indigo-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
              }`}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} role="tabpanel" id={`panel-${tab.id}`} aria-labelledby={`tab-${tab.id}`} hidden={tab.id !== active} tabIndex={0}>
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
