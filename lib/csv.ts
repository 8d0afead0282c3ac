import { stringify } from "csv-stringify/sync";

/**
 * CSV for gradebooks and spreadsheets, written by csv-stringify (never by string concatenation).
 *
 * Injection safety (OWASP "CSV Injection"): a text cell starting with = + - @ tab, CR, LF or NUL
 * could run as a formula in Excel, Sheets or LibreOffice, so it gets a leading single quote and is
 * always quoted. Numbers the app computed are passed as numbers and stay plain.
 */

export type Cell = string | number | null | undefined;

const DANGEROUS_START = /^[=+\-@\t\r\n\0]/;

export function safeCell(value: Cell): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

const BOM = "\uFEFF";
const BATCH_ROWS = 1000;

/** A text cell made safe, and quoted when it was neutralized or holds a line break. */
function castString(value: string) {
  const safe = safeCell(value) as string;
  // With CRLF records csv-stringify leaves a bare LF unquoted, which would split the row.
  return safe !== value || value.includes("\n") || value.includes("\r") ? { value: safe, quoted: true } : value;
}

const OPTIONS = { record_delimiter: "\r\n", cast: { string: castString } } as const;

/**
 * Streams rows as UTF-8 CSV. Rows are pulled from the iterable a batch at a time, only as fast as
 * the client reads, so memory stays flat however many students there are; each batch goes through
 * csv-stringify in one call (per-row stream chunks cost more than the CSV itself). Cancelling the
 * download ends the iterable early, which releases whatever it holds (a database connection).
 * `bom` helps Excel recognise UTF-8 (accents, emoji).
 */
export function csvStream(header: Cell[] | null, rows: Iterable<Cell[]>, { bom = false }: { bom?: boolean } = {}): ReadableStream<Uint8Array> {
  const iterator = rows[Symbol.iterator]();
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const batch: (string | number)[][] = [];
        if (first && header) batch.push(header.map((c) => (typeof c === "number" ? c : (c ?? ""))));
        let done = false;
        while (batch.length < BATCH_ROWS) {
          const next = iterator.next();
          if (next.done) {
            done = true;
            break;
          }
          batch.push(next.value.map((c) => (typeof c === "number" ? c : (c ?? ""))));
        }
        const text = (first && bom ? BOM : "") + (batch.length ? stringify(batch, OPTIONS) : "");
        first = false;
        if (text) controller.enqueue(encoder.encode(text));
        if (done) controller.close();
      },
      cancel() {
        iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

/** A file name that survives every browser and file system, plus the exact UTF-8 one. */
export function attachmentHeader(baseName: string): string {
  const ascii =
    baseName
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .toLowerCase()
      .slice(0, 120) || "grades";
  return `attachment; filename="${ascii}.csv"; filename*=UTF-8''${encodeURIComponent(`${baseName}.csv`)}`;
}

/** "Diego Hernández" → last "Hernández", first "Diego". One word is a last name. */
export function splitName(name: string): { first: string; last: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { first: "", last: parts[0] ?? "" };
  return { first: parts.slice(0, -1).join(" "), last: parts.at(-1)! };
}

/** A CSV download: streamed, never cached, saved under the given name. */
export function csvResponse(baseName: string, header: Cell[] | null, rows: Iterable<Cell[]>, options: { bom?: boolean } = {}): Response {
  return new Response(csvStream(header, rows, options), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentHeader(baseName),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
