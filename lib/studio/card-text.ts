import type { LessonContent } from "../lesson/types";
import { renderCopyText } from "../placeholders";
import type { Draft } from "../validations/workspace";
import type { CardSettings } from "./card";
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
