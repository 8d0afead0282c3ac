import type { LessonContent } from "../lesson/types";
import { renderCopyText } from "../placeholders";
import type { Draft } from "../validations/workspace";
import type { CardSettings } from "./card";
import { DEFAULT_CARD } from "./card-default";
import type { CardText } from "./layout";

type Content = Pick<LessonContent, "dataset" | "aliases">;

/** The customers a card can be drawn for, in the table's order: id and name. */
export function cardCustomers(content: Content): { id: string; name: string }[] {
  const { dataset } = content;
  return dataset.rows.map((row) => ({ id: row.id, name: (row.values[dataset.nameColumnId] ?? "").trim() || "Customer" }));
}

/**
 * What one customer's card says, from the student's own work: their headline and copy with the
 * placeholders filled in for that customer, and their three datapoints with that customer's values.
 */
export function cardText(
  settings: Pick<CardSettings, "headline">,
  draft: Pick<Draft, "picks" | "copy">,
  content: Content,
  rowId: string,
): CardText {
  const { dataset, aliases } = content;
  const row = dataset.rows.find((r) => r.id === rowId);
  const columns = new Map(dataset.columns.map((c) => [c.id, c.name]));
  return {
    headline: renderCopyText(settings.headline, dataset, aliases, rowId).trim(),
    items: draft.picks
      .filter((p) => columns.has(p.columnId))
      .map((p) => ({ label: columns.get(p.columnId)!, value: (row?.values[p.columnId] ?? "").trim() || "—" })),
    copy: renderCopyText(draft.copy, dataset, aliases, rowId).trim(),
  };
}

/**
 * What a studio picture was drawn from, stored with it: the customer, and the card's look and text
 * for them (drawnFrom). The work's own words, so it is erased with the picture.
 */
export type DrawnCard = { customerId: string; drawn: string };

/**
 * One customer's card as text, the same wherever it is read: the look in DEFAULT_CARD's key order
 * (a draft read back from PostgreSQL's jsonb has its keys in another), then what it says.
 */
export function drawnFrom(settings: CardSettings, text: CardText): string {
  const look = (Object.keys(DEFAULT_CARD) as (keyof CardSettings)[]).map((key) => settings[key]);
  return JSON.stringify([look, text.headline, text.items.map((i) => [i.label, i.value]), text.copy]);
}

/**
 * Whether a studio picture no longer shows the card the work would draw now: the student changed
 * the card, their copy or datapoints since, the teacher changed the customer's data, or the
 * customer has left the table.
 */
export function isOutdated(drawn: DrawnCard, draft: Pick<Draft, "picks" | "copy" | "card">, content: Content): boolean {
  if (!content.dataset.rows.some((r) => r.id === drawn.customerId)) return true;
  const card = draft.card ?? DEFAULT_CARD;
  return drawnFrom(card, cardText(card, draft, content, drawn.customerId)) !== drawn.drawn;
}
