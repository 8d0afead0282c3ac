"use client";

import { useEffect, useId, useState } from "react";
import { patient } from "@/components/ui/patient-import";
import { useReady } from "@/components/ui/use-ready";
import type { LessonContent } from "@/lib/lesson/types";
import { firstName, type CardSettings } from "@/lib/studio/card";
import { cardCustomers, cardText } from "@/lib/studio/card-text";
import type { LaidOutCard } from "@/lib/studio/layout";
import type { Draft } from "@/lib/validations/workspace";
import { CardPreview } from "./card-preview";

type Layout = typeof import("@/lib/studio/layout");
const loadLayout = patient(() => import("@/lib/studio/layout"));

/**
 * The student's studio card, drawn for whichever customer the reader picks (grading view, returned
 * work). The server lays out the first customer's (`firstCards`); the layout code (font metrics,
 * colour maths) is fetched once the view is up, for the other customers, and until it has arrived
 * the first customer's card stays on show under its own name. `data-ready` says it has arrived.
 */
export function CardsForCustomer({
  card,
  draft,
  content,
  firstCards,
}: {
  card: CardSettings;
  draft: Draft;
  content: LessonContent;
  firstCards: LaidOutCard[];
}) {
  const customers = cardCustomers(content);
  const [customerId, setCustomerId] = useState(customers[0]?.id ?? "");
  const [layout, setLayout] = useState<Layout | null>(null);
  const id = useId();
  const hydrated = useReady();
  useEffect(() => {
    let live = true;
    // Until it arrives (on a network that drops, maybe never) the first customer's card stays on show.
    loadLayout().then(
      (module) => live && setLayout(module),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  const first = customers[0];
  if (!first) return null;
  const picked = customers.find((c) => c.id === customerId) ?? first;
  const shown = layout ? picked : first;
  const cards = layout && shown !== first ? layout.layoutCards(card, cardText(card, draft, content, shown.id)) : firstCards;
  const name = firstName(shown.name);
  return (
    <div className="rounded-lg p-3 ring-1 ring-slate-200" data-testid="studio-cards" data-ready={layout ? true : undefined}>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          The studio card for
        </label>
        <select
          id={id}
          value={picked.id}
          disabled={!hydrated}
          onChange={(e) => setCustomerId(e.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1 text-base sm:text-sm"
        >
          {customers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="mt-3 flex gap-3 overflow-x-auto pb-2">
        {cards.map((laidOut, n) => (
          <CardPreview
            key={n}
            settings={card}
            card={laidOut}
            width={cards.length > 1 ? 170 : 240}
            label={cards.length > 1 ? `${name}'s card ${n + 1} of ${cards.length}` : `${name}'s card`}
          />
        ))}
      </div>
    </div>
  );
}
