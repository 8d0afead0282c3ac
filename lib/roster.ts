import { parse } from "csv-parse/sync";
import "./zod-jitless";
import { FieldError } from "./errors";
import { generateJoinCode } from "./join-code";
import { EMAIL_MAX, emailSchema, NAME_MAX } from "./validations/auth";
import { ROSTER_MAX_COLUMNS, type RosterMapping } from "./validations/roster";

/**
 * Roster files, pure: text in, table and per-row verdicts out. Teachers paste from spreadsheets
 * (tab-separated), export from a school system (comma or semicolon, with or without a header), or
 * type a list by hand; the preview shows what was understood before anything is written.
 */

export const ROSTER_MAX_ROWS = 1000;

/** A preview refused by the count of accounts it found outside the teacher's classes (rosterKeys in lib/sign-in-throttle.ts). */
export const ROSTER_PAUSED =
  "You have looked up a lot of addresses that already have accounts outside your classes. Previews are paused for 15 minutes; try again then.";
export const ROSTER_ACCOUNTS_PAUSED =
  "So many new student accounts were made from your lists (or from this network) in the last few minutes that imports which make accounts are paused for 15 minutes. Nothing from this list was imported; try again then.";

/** The sign-in form's own rule (length included): an address it refuses could never sign in. */
/**
 * The address in a cell as mail programs copy it: "Li Wei <li.wei@school.org>" or a list's
 * "li.wei@school.org;" gives li.wei@school.org. Only one address, after a name with none in it:
 * "Ann <ann@x.org>, Bo <bo@x.org>" stays as it is (and is flagged), never one of the two.
 * Anything else is the cell as it is.
 */
function addressIn(cell: string): string {
  const trimmed = cell
    .trim()
    .replace(/[;,]+$/, "")
    .trim();
  return /^[^<>@,;]*<([^<>\s@,;]+@[^<>\s@,;]+)>$/.exec(trimmed)?.[1] ?? trimmed;
}

const looksLikeEmail = (cell: string) => emailSchema.safeParse(addressIn(cell)).success;

/**
 * The columns a mapping may name. A wider file's extra columns are left out of the guess and the
 * choices alike, since the schema would refuse them at import (lib/validations/roster.ts).
 */
function usableWidth(table: string[][]): number {
  return Math.min(ROSTER_MAX_COLUMNS, Math.max(0, ...table.map((row) => row.length)));
}

const DELIMITERS = ["\t", ";", ","] as const;

/** How many records the delimiter is judged on: enough to see a pattern, few enough to stay quick. */
const DELIMITER_SAMPLE = 10;

/**
 * Tabs mean a spreadsheet paste, semicolons a European Excel export, commas anything else; but a
 * comma alone proves nothing, since Excel's semicolon files leave "Müller, Anna" unquoted. So each
 * delimiter reads the first few records, and the one that finds a column of addresses wins; failing
 * that, the one that splits every record into the same number of columns. Ties go to the rarer
 * character, because commas turn up inside names and tabs and semicolons hardly ever do.
 */
export function detectDelimiter(text: string): string {
  let best: { delimiter: string; score: [number, number] } | null = null;
  for (const delimiter of DELIMITERS) {
    const score = delimiterScore(text, delimiter);
    if (!score) continue;
    if (!best || score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1])) best = { delimiter, score };
  }
  return best?.delimiter ?? ",";
}

/** The share of sampled records with an address in the best column, then the share with the usual (more than one) column count. */
function delimiterScore(text: string, delimiter: string): [number, number] | null {
  let sample: string[][];
  try {
    sample = parseTable(text, delimiter, DELIMITER_SAMPLE);
  } catch {
    // An unclosed quote: readTable reports it, with its line, whichever delimiter is chosen.
    return null;
  }
  if (sample.length === 0) return null;
  const emails = [...Array(usableWidth(sample)).keys()].map((c) => sample.filter((row) => looksLikeEmail(row[c] ?? "")).length);
  const widthCounts = new Map<number, number>();
  for (const row of sample) if (row.length > 1) widthCounts.set(row.length, (widthCounts.get(row.length) ?? 0) + 1);
  return [Math.max(0, ...emails) / sample.length, Math.max(0, ...widthCounts.values()) / sample.length];
}

/** Parses with csv-parse (quotes, doubled quotes, line breaks in quoted names, a BOM). */
export function readTable(text: string): string[][] {
  return parseTable(text, detectDelimiter(text));
}

function parseTable(text: string, delimiter: string, to?: number): string[][] {
  const read = (quote: boolean) =>
    parse(text, {
      delimiter,
      ...(to === undefined ? {} : { to }),
      ...(quote ? {} : { quote: false }),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  // A spreadsheet's tabs: a cell that begins with a quotation mark ("Li" (Lily)) is just text there,
  // not CSV quoting. Read as quoting, it makes the list unreadable, or swallows the tabs and lines up
  // to the next quotation mark (a cell holding a tab): then the list is read without quoting.
  const tabs = delimiter === "\t" && text.includes("\t");
  let records: string[][];
  try {
    records = read(true);
  } catch (error) {
    if (!tabs) throw error;
    records = read(false);
  }
  if (tabs && records.some((row) => row.some((cell) => cell.includes("\t")))) records = read(false);
  return records.filter((row) => row.some((cell) => cell !== ""));
}

const HEADER_WORDS = {
  email: /e-?mail|login|username/i,
  first: /first|given|preferred|forename/i,
  last: /last|sur|family/i,
  name: /name|student/i,
};

/**
 * The first row is a header only if it looks like one. An "@" anywhere in it makes it a student
 * with a mistyped address, to be flagged rather than silently dropped; so does an empty cell where
 * the rows below have their addresses. Otherwise rows of addresses below it, or the usual column
 * words in it, make it a header (a school system's own headings, in any language, included).
 */
function detectHeader(table: string[][]): boolean {
  const [first, ...rest] = table;
  if (!first) return false;
  if (first.some((cell) => cell.includes("@"))) return false;
  const emailCounts = [...Array(usableWidth(table)).keys()].map((c) => rest.filter((row) => looksLikeEmail(row[c] ?? "")).length);
  const mostEmails = Math.max(0, ...emailCounts);
  if (mostEmails > 0) return (first[emailCounts.indexOf(mostEmails)] ?? "") !== "";
  return first.some((cell) => Object.values(HEADER_WORDS).some((word) => word.test(cell)));
}

/** Which column holds what, from the header's words or, failing that, from the cells themselves. */
export function guessMapping(table: string[][]): RosterMapping {
  const hasHeader = detectHeader(table);
  const columns = [...Array(usableWidth(table)).keys()];
  const data = hasHeader ? table.slice(1) : table;
  const header = hasHeader ? table[0]! : [];
  const byWord = (word: RegExp, skip: number[] = []) => columns.find((c) => !skip.includes(c) && word.test(header[c] ?? "")) ?? null;

  const emailCounts = columns.map((c) => data.filter((row) => looksLikeEmail(row[c] ?? "")).length);
  const email = byWord(HEADER_WORDS.email) ?? (Math.max(0, ...emailCounts) > 0 ? emailCounts.indexOf(Math.max(...emailCounts)) : 0);
  if (hasHeader) {
    const first = byWord(HEADER_WORDS.first, [email]);
    const last = byWord(HEADER_WORDS.last, [email]);
    if (first !== null || last !== null) return { hasHeader, email, name: null, first, last };
    const name = byWord(HEADER_WORDS.name, [email]) ?? columns.find((c) => c !== email) ?? null;
    return { hasHeader, email, name, first: null, last: null };
  }
  // No header: two text columns beside the address read as first and last name, one as the full name.
  const others = columns.filter((c) => c !== email && data.some((row) => (row[c] ?? "") !== ""));
  if (others.length >= 2) return { hasHeader, email, name: null, first: others[0]!, last: others[1]! };
  return { hasHeader, email, name: others[0] ?? null, first: null, last: null };
}

/** Column titles for the mapping controls: the header's own words, or "Column 1", "Column 2"… */
function columnLabels(table: string[][], mapping: Pick<RosterMapping, "hasHeader">): string[] {
  return [...Array(usableWidth(table)).keys()].map((c) => {
    const title = mapping.hasHeader ? (table[0]?.[c] ?? "").trim() : "";
    return title ? `${title} (column ${c + 1})` : `Column ${c + 1}`;
  });
}

const collapse = (value: string) => value.replace(/\s+/g, " ").trim();

/** "Okafor, Ada" in a single name column is the school-system order: the app shows "Ada Okafor". */
function displayName(mapping: RosterMapping, row: string[]): string {
  const cell = (index: number | null) => (index === null ? "" : collapse(row[index] ?? ""));
  if (mapping.name !== null) {
    const full = cell(mapping.name);
    const parts = full.split(",");
    return parts.length === 2 && parts[0]!.trim() && parts[1]!.trim() ? collapse(`${parts[1]} ${parts[0]}`) : full;
  }
  return collapse(`${cell(mapping.first)} ${cell(mapping.last)}`);
}

export type RosterLine = {
  /** The row's line in the teacher's file (1-based, counting the header), so problems can be found. */
  line: number;
  name: string;
  email: string;
  problem: string | null;
};

export const ROSTER_PROBLEMS = {
  noEmail: "No email address in this row.",
  badEmail: "This doesn't look like an email address.",
  longEmail: `Email addresses can be at most ${EMAIL_MAX} characters: a longer one couldn't sign in.`,
  noName: "No name in this row.",
  longName: `Names can be at most ${NAME_MAX} characters.`,
} as const;

export const duplicateOf = (line: number) => `Same email as line ${line}; only that row will be imported.`;

/** Every data row with its name, lower-cased address and the first problem found, if any. */
export function readRoster(table: string[][], mapping: RosterMapping): RosterLine[] {
  const rows = mapping.hasHeader ? table.slice(1) : table;
  const firstSeen = new Map<string, number>();
  return rows.map((row, index) => {
    const line = index + (mapping.hasHeader ? 2 : 1);
    const rawEmail = addressIn(collapse(row[mapping.email] ?? ""));
    const email = rawEmail.toLowerCase();
    const name = displayName(mapping, row);
    let problem: string | null = null;
    if (!rawEmail) problem = ROSTER_PROBLEMS.noEmail;
    else if (rawEmail.length > EMAIL_MAX) problem = ROSTER_PROBLEMS.longEmail;
    else if (!emailSchema.safeParse(rawEmail).success)
      problem = ROSTER_PROBLEMS.badEmail; // what is stored, as it is
    else if (!name) problem = ROSTER_PROBLEMS.noName;
    else if (name.length > NAME_MAX) problem = ROSTER_PROBLEMS.longName;
    else if (firstSeen.has(email)) problem = duplicateOf(firstSeen.get(email)!);
    else firstSeen.set(email, line);
    return { line, name, email, problem };
  });
}

/**
 * The pasted or uploaded text, read as the teacher mapped it (or as guessed on the first preview).
 * Unreadable input is a field error on the text, saying where the trouble is.
 */
export function readRosterInput(input: { text: string; mapping?: RosterMapping }) {
  let table: string[][];
  try {
    table = readTable(input.text);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new FieldError(
      "text",
      `This list can't be read${line ? ` (around line ${line})` : ""}: check for a quotation mark that is never closed.`,
    );
  }
  const mapping = input.mapping ?? guessMapping(table);
  const lines = readRoster(table, mapping);
  if (lines.length === 0) throw new FieldError("text", "There are no students in this list, only a header row.");
  if (lines.length > ROSTER_MAX_ROWS)
    throw new FieldError("text", `That's ${lines.length} rows: import at most ${ROSTER_MAX_ROWS} at a time.`);
  return { mapping, columns: columnLabels(table, mapping), lines };
}

/**
 * A one-time password for a sign-in slip: twelve characters without look-alikes (no 0/o, 1/l/i),
 * in three groups that are easy to copy from paper. About 59 bits of randomness, and it only
 * works until the student chooses their own.
 */
export function generateOneTimePassword(): string {
  const code = generateJoinCode(12).toLowerCase();
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
