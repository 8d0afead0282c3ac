"use client";

import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { Button } from "@/components/ui/button";
import { useProjectorLayer } from "@/components/ui/use-projector-layer";
import { useReady } from "@/components/ui/use-ready";
import type { LessonContent } from "@/lib/lesson/types";
import { cardCustomers } from "@/lib/studio/card-text";
import { layoutCards } from "@/lib/studio/layout";
import { withCampaign, type RecapCampaign, type RecapSlide } from "@/lib/studio/recap";
import { CardPreview } from "./card-preview";

/** The Class Recap's cards in a row, each with its PNG download, and a projector that shows them one at a time. */
export function RecapStory({
  slides,
  campaign,
  content,
  downloadBase,
}: {
  slides: RecapSlide[];
  campaign: RecapCampaign | null;
  content: LessonContent;
  downloadBase: string;
}) {
  const [presenting, setPresenting] = useState<number | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const ready = useReady();
  const customers = cardCustomers(content);
  const [customerId, setCustomerId] = useState(customers[0]?.id ?? "");
  const selectId = useId();
  const cards = withCampaign(slides, campaign, content, customerId).map((slide) => ({
    slide,
    settings: slide.settings,
    card: layoutCards(slide.settings, slide.text)[0]!,
  }));
  const query: Record<string, string> = campaign ? { customer: customerId } : {};
  // Back to the button that opened the projector once it has gone (and the page is no longer inert).
  const wasPresenting = useRef(false);
  useEffect(() => {
    if (presenting === null && wasPresenting.current) opener.current?.focus();
    wasPresenting.current = presenting !== null;
  }, [presenting]);
  return (
    <div data-ready={ready || undefined}>
      <div className="flex flex-wrap items-center gap-3">
        <Button ref={opener} onClick={() => setPresenting(0)}>
          Present on the projector
        </Button>
        <p className="text-sm text-slate-600">Arrow keys move between cards; Esc leaves.</p>
        {campaign && (
          <label htmlFor={selectId} className="flex items-center gap-2 text-sm font-medium">
            The class&apos;s campaign card for
            <select
              id={selectId}
              value={customerId}
              disabled={!ready}
              onChange={(e) => setCustomerId(e.target.value)}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm font-normal"
            >
              {customers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <ol className="mt-4 flex gap-4 overflow-x-auto pb-3" aria-label="Recap cards">
        {cards.map(({ slide, settings, card }, i) => (
          <li key={slide.id} className="shrink-0" data-testid="recap-card">
            <CardPreview settings={settings} card={card} width={200} label={`Card ${i + 1} of ${cards.length}`} />
            <a
              href={`${downloadBase}/${i + 1}?${new URLSearchParams({ card: slide.id, ...query })}`}
              download
              className="mt-2 inline-block text-sm text-indigo-700 underline"
            >
              Download card {i + 1} (PNG)
            </a>
          </li>
        ))}
      </ol>
      {presenting !== null && <RecapProjector cards={cards} start={presenting} onClose={() => setPresenting(null)} />}
    </div>
  );
}

type Card = { slide: RecapSlide; settings: RecapSlide["settings"]; card: ReturnType<typeof layoutCards>[number] };

/** Full screen where the browser allows it, a fixed layer otherwise; → / PageDown, ← / PageUp, Home, End, Esc. */
function RecapProjector({ cards, start, onClose }: { cards: Card[]; start: number; onClose: () => void }) {
  const [index, setIndex] = useState(start);
  const overlay = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(720);
  const go = (to: number) => setIndex(Math.max(0, Math.min(cards.length - 1, to)));

  useProjectorLayer(overlay, onClose);
  useEffect(() => {
    const fit = () => setHeight(Math.max(240, window.innerHeight - 160));
    fit();
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const moves: Record<string, number> = {
        ArrowRight: index + 1,
        PageDown: index + 1,
        ArrowLeft: index - 1,
        PageUp: index - 1,
        Home: 0,
        End: cards.length - 1,
      };
      if (event.key === "Escape") onClose();
      else if (event.key in moves) go(moves[event.key]!);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const current = cards[index]!;
  const width = Math.round((height * current.card.width) / current.card.height);
  return createPortal(
    <div
      ref={overlay}
      role="dialog"
      aria-modal="true"
      aria-label="Class Recap, projector mode"
      tabIndex={-1}
      data-testid="recap-projector"
      className="fixed inset-0 z-50 flex flex-col items-center justify-between gap-4 bg-slate-950 p-4 text-white outline-none"
    >
      <p className="text-lg font-semibold" aria-live="polite" data-testid="recap-position">
        Card {index + 1} of {cards.length}
      </p>
      <CardPreview
        key={current.slide.id}
        settings={current.settings}
        card={current.card}
        width={width}
        label={`Card ${index + 1} of ${cards.length}`}
      />
      <div className="flex gap-3">
        <Button variant="secondary" onClick={() => go(index - 1)} disabled={index === 0}>
          ← Previous
        </Button>
        <Button variant="secondary" onClick={() => go(index + 1)} disabled={index === cards.length - 1}>
          Next →
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Exit (Esc)
        </Button>
      </div>
    </div>,
    document.body,
  );
}
