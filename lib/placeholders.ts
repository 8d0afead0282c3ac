import type { Dataset } from "./lesson/types";
import { normalizeKey } from "./normalize-key";

/**
 * Copy with placeholders: "Hi [Name]! You visited [Number of Purchases] times."
 * One pure module, shared by the student's live preview, the teacher's grading view and the tests,
 * so that everyone sees exactly the same rendering.
 *
 * A placeholder is "[" + up to 60 characters without brackets or line breaks + "]". Anything else
 * in square brackets (an unclosed "[", a line break) stays literal text. Matching ignores case and
 * all spacing, and accepts the column name without its "(…)" suffix and the aliases defined for it.
 */

export type Token = { kind: "text"; text: string } | { kind: "placeholder"; raw: string; inner: string; start: number; end: number };

const PLACEHOLDER = /\[([^[\]\n]{1,60})\]/g;

export function tokenize(copy: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of copy.matchAll(PLACEHOLDER)) {
    const start = match.index;
    if (start > last) tokens.push({ kind: "text", text: copy.slice(last, start) });
    tokens.push({ kind: "placeholder", raw: match[0], inner: match[1]!, start, end: start + match[0].length });
    last = start + match[0].length;
  }
  if (last < copy.length) tokens.push({ kind: "text", text: copy.slice(last) });
  return tokens;
}

export type Aliases = Record<string, string[]>;

/** Maps every accepted spelling (normalized) to a column id. Real column names win over aliases. */
export function buildResolver(dataset: Pick<Dataset, "columns">, aliases: Aliases = {}): Map<string, string> {
  const map = new Map<string, string>();
  const add = (spelling: string, columnId: string) => {
    const key = normalizeKey(spelling);
    if (key && !map.has(key)) map.set(key, columnId);
  };
  for (const column of dataset.columns) add(column.name, column.id);
  for (const column of dataset.columns) add(column.name.replace(/\s*\([^)]*\)\s*$/, ""), column.id);
  for (const column of dataset.columns) for (const alias of aliases[column.id] ?? []) add(alias, column.id);
  return map;
}

export type Segment =
  | { kind: "text"; text: string }
  | { kind: "value"; columnId: string; raw: string; text: string; empty: boolean }
  | { kind: "unknown"; raw: string };

/** The copy for one customer (row), as segments a view can style. */
export function renderCopy(copy: string, dataset: Dataset, aliases: Aliases, rowId: string): Segment[] {
  const resolver = buildResolver(dataset, aliases);
  const row = dataset.rows.find((r) => r.id === rowId);
  return tokenize(copy).map((token): Segment => {
    if (token.kind === "text") return token;
    const columnId = resolver.get(normalizeKey(token.inner));
    if (!columnId) return { kind: "unknown", raw: token.raw };
    const value = (row?.values[columnId] ?? "").trim();
    return { kind: "value", columnId, raw: token.raw, text: value, empty: value === "" };
  });
}

/** One customer's copy, for a preview: their name (as the table has it) and the merged segments. */
export type CustomerCopy = { id: string; name: string; segments: Segment[] };

/** The copy merged for each customer of the table, in its order: what a preview of it shows. */
export function copyForEachCustomer(copy: string, dataset: Dataset, aliases: Aliases): CustomerCopy[] {
  return dataset.rows.map((row) => ({
    id: row.id,
    name: row.values[dataset.nameColumnId] || "Unnamed customer",
    segments: renderCopy(copy, dataset, aliases, row.id),
  }));
}

/** Plain text for one customer; unknown placeholders stay as typed, empty values render as nothing. */
export function renderCopyText(copy: string, dataset: Dataset, aliases: Aliases, rowId: string): string {
  return renderCopy(copy, dataset, aliases, rowId)
    .map((s) => (s.kind === "text" ? s.text : s.kind === "value" ? s.text : s.raw))
    .join("");
}

export type CopyCheck = {
  /** Placeholders that match no column: errors. Each spelling once (its first use), however often it is typed. */
  unknown: { raw: string; start: number; end: number }[];
  /**
   * A "[" or "]" outside any placeholder: one left unclosed ("[Most Ordered Pastry"), or a pair
   * around a line break or more than 60 characters. It prints as typed, so the student is told.
   */
  strayBracket: boolean;
  /** Column ids the copy uses, in order of first use. */
  used: string[];
  /** Warnings. */
  missingName: boolean;
  unusedPicks: string[];
};

export function checkCopy(copy: string, dataset: Dataset, aliases: Aliases, pickedColumnIds: string[]): CopyCheck {
  const resolver = buildResolver(dataset, aliases);
  const unknown: CopyCheck["unknown"] = [];
  const unknownKeys = new Set<string>();
  const used: string[] = [];
  let strayBracket = false;
  for (const token of tokenize(copy)) {
    if (token.kind !== "placeholder") {
      strayBracket ||= /[[\]]/.test(token.text);
      continue;
    }
    const key = normalizeKey(token.inner);
    const columnId = resolver.get(key);
    if (!columnId) {
      if (!unknownKeys.has(key)) unknown.push({ raw: token.raw, start: token.start, end: token.end });
      unknownKeys.add(key);
    } else if (!used.includes(columnId)) used.push(columnId);
  }
  return {
    unknown,
    strayBracket,
    used,
    missingName: !used.includes(dataset.nameColumnId),
    unusedPicks: pickedColumnIds.filter((id) => !used.includes(id) && dataset.columns.some((c) => c.id === id)),
  };
}

/**
 * Why cards can't be drawn from text with placeholders that match no column: each card would print
 * them as typed (the studio, and the server that draws the cards, say the same).
 */
export function printedAsTypedMessage(where: string, unknown: { raw: string }[]): string {
  const many = unknown.length > 1;
  return `${where} has ${unknown.map((u) => u.raw).join(", ")}, which ${many ? "aren't columns" : "isn't a column"} of the table: every card would print ${
    many ? "them" : "it"
  } as typed. Check the spelling${where === "Your copy" ? " in the Copywriting step" : ""}.`;
}
