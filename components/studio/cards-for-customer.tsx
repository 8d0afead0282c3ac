"use client";

import { useId, useState } from "react";
import type { LessonContent } from "@/lib/lesson/types";
import { firstName, type CardSettings } from "@/lib/studio/card";
import { cardCustomers, cardText } from "@/lib/studio/card-text";
import { layoutCards } from "@/lib/studio/layout";
import type { Draft } from "@/lib/validations/workspace";
import { CardPreview } from "./card-preview";

/** The student's studio card, drawn for whichever customer the reader picks (grading view, returned work). */
export function CardsForCustomer({ card, draft, content }: { card: CardSettings; draft: Draft; content: LessonContent }) {
  const customers = cardCustomers(content);
  const [customerId, setCustomerId] = useState(customers[0]?.id ?? "");
  const id = useId();
  const customer = customers.find((c) => c.id === customerId) ?? customers[0];
  if (!customer) return null;
  const cards = layoutCards(card, cardText(card, draft, content, customer.id));
  const name = firstName(customer.name);
  return (
    <div className="rounded-lg p-3 ring-1 ring-slate-200" data-testid="studio-cards">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          The studio card for
        </label>
        <select
          id={id}
          value={customer.id}
          onChange={(e) => setCustomerId(e.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
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
