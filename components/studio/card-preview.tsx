"use client";

import "@fontsource/inter/400.css";
import "@fontsource/inter/700.css";
import { useReady } from "@/components/ui/use-ready";
import type { CardSettings } from "@/lib/studio/card";
import { cardElement } from "@/lib/studio/card-element";
import type { LaidOutCard } from "@/lib/studio/layout";

/**
 * One laid-out card, drawn by the browser from the same elements the server turns into a PNG,
 * scaled to `width` CSS pixels. Drawn only once the page runs: its styles are set by script, which
 * the Content-Security-Policy allows, where style attributes in the server's HTML are refused.
 */
export function CardPreview({
  settings,
  card,
  width,
  label,
  decorative = false,
}: {
  settings: CardSettings;
  card: LaidOutCard;
  width: number;
  label: string;
  /** Inside a control that names it already (the studio's grid of customers): hidden from screen readers. */
  decorative?: boolean;
}) {
  const ready = useReady();
  const scale = width / card.width;
  const height = Math.round(card.height * scale);
  return (
    <div className="shrink-0" aria-hidden={decorative || undefined}>
      <div
        role={decorative ? undefined : "img"}
        aria-label={decorative ? undefined : `${label}: ${card.blocks.map((b) => b.text).join(". ")}`}
        className="overflow-hidden rounded-lg bg-slate-200 shadow ring-1 ring-slate-300"
        ref={(node) => {
          // Sized by script for the same reason as the card itself.
          if (node) Object.assign(node.style, { width: `${width}px`, height: `${height}px` });
        }}
      >
        {ready && (
          <div
            aria-hidden
            ref={(node) => {
              if (node) Object.assign(node.style, { transform: `scale(${scale})`, transformOrigin: "top left", width: `${card.width}px` });
            }}
          >
            {cardElement(settings, card)}
          </div>
        )}
      </div>
    </div>
  );
}
