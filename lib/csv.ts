import { stringify } from "csv-stringify/sync";

/**
 * CSV for gradebooks and spreadsheets, written by csv-stringify (never by string concatenation).
 *
 * Injection safety (OWASP "CSV Injection"): a text cell starting with = + - @ tab, CR, LF or NUL
 * could run as a formula in Excel, Sheets or LibreOffice, so it gets a leading single quote. Every
 * text cell is quoted, so a spreadsheet that splits on ";" or tab keeps "Bob ;=4+4" in one cell.
 * A reader that honours quotes only at the start of a line can still cut a cell at a separator or
 * line break, so each such piece gets the same single quote. Numbers the app computed stay plain.
 */

export type Cell = string | number | null | undefined;

const DANGEROUS_START = /^[=+\-@\t\r\n\0]/;
// A separator or line break (then any quotes) where a piece of the cell could start.
const PIECE_START = /(\r\n|[\r\n,;\t])("*)(?=[=+\-@\t\r\n\0])/g;
const LINE_BREAK = /^[\r\n]+$/;

export function safeCell(value: Cell): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  const pieces = value.replace(PIECE_START, (match: string, separator: string, quotes: string, offset: number) => {
    // An empty line in a comment is harmless: only what starts a line's text needs the quote.
    const next = value[offset + match.length]!;
    return LINE_BREAK.test(separator) && !quotes && LINE_BREAK.test(next) ? match : `${separator}${quotes}'`;
  });
  return DANGEROUS_START.test(pieces) ? `'${pieces}` : pieces;
}

const BOM = "\uFEFF";
const BATCH_ROWS = 1000;

// Empty cells stay bare: there is nothing in them to protect.
const OPTIONS = {
  record_delimiter: "\r\n",
  quoted_string: true,
  quoted_empty: false,
  cast: { string: (v: string) => safeCell(v) as string },
} as const;

/** Rows to write: a plain iterable, or an async one (rows streamed from the database). */
type CsvRows = Iterable<Cell[]> | AsyncIterable<Cell[]>;

/**
 * Streams rows as UTF-8 CSV. Rows are pulled from the iterable a batch at a time, only as fast as
 * the client reads, so memory stays flat however many students there are; each batch goes through
 * csv-stringify in one call (per-row stream chunks cost more than the CSV itself). Cancelling the
 * download ends the iterable early, which releases whatever it holds (a database connection).
 * `bom` helps Excel recognise UTF-8 (accents, emoji).
 */
export function csvStream(header: Cell[] | null, rows: CsvRows, { bom = false }: { bom?: boolean } = {}): ReadableStream<Uint8Array> {
  const iterator = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  const encoder = new TextEncoder();
  const plain = (row: Cell[]) => row.map((c) => (typeof c === "number" ? c : (c ?? "")));
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const batch: (string | number)[][] = [];
        if (first && header) batch.push(plain(header));
        let done = false;
        while (batch.length < BATCH_ROWS) {
          const next = await iterator.next();
          if (next.done) {
            done = true;
            break;
          }
          batch.push(plain(next.value));
        }
        const text = (first && bom ? BOM : "") + (batch.length ? stringify(batch, OPTIONS) : "");
        first = false;
        if (text) controller.enqueue(encoder.encode(text));
        if (done) controller.close();
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * A download's Content-Disposition: a file name that survives every browser and file system (ASCII
 * letters, digits and dashes; `fallback` when nothing is left), plus the exact UTF-8 one.
 */
export function attachmentHeader(baseName: string, extension = "csv", fallback = "grades"): string {
  const ascii =
    baseName
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .toLowerCase()
      .slice(0, 120) || fallback;
  // RFC 8187's attr-char leaves out ' ( ) *, which encodeURIComponent keeps: "grades (canvas)".
  const exact = encodeURIComponent(`${baseName}.${extension}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${exact}`;
}

/** "Diego Hernández" → last "Hernández", first "Diego". One word is a last name. */
export function splitName(name: string): { first: string; last: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { first: "", last: parts[0] ?? "" };
  return { first: parts.slice(0, -1).join(" "), last: parts.at(-1)! };
}

/** A CSV download: streamed, never cached, saved under the given name. */
export function csvResponse(baseName: string, header: Cell[] | null, rows: CsvRows, options: { bom?: boolean } = {}): Response {
  return new Response(csvStream(header, rows, options), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(baseName),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
