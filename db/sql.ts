import { or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { foldForSearch } from "@/lib/text";
import { isStorableText } from "@/lib/validations/common";
import { databaseDialect } from "./dialect";

/**
 * The few SQL expressions the two databases spell differently, written once for the query layer
 * (docs/decisions/010-postgresql.md). Everything else is plain SQL both understand.
 */

type Expression = AnySQLiteColumn | SQL;

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The value at `path` inside a JSON column, as text: an object or array as its JSON text, a string
 * as the string itself, null when absent. SQLite's json_extract, PostgreSQL's `#>>`. The path is
 * code, never input: keys are checked and written into the statement.
 */
export function jsonText(column: Expression, ...path: string[]): SQL<string | null> {
  for (const key of path) if (!KEY.test(key)) throw new Error(`jsonText: "${key}" is not a plain key`);
  return databaseDialect() === "postgres"
    ? sql<string | null>`(${column} #>> ${sql.raw(`'{${path.join(",")}}'`)})`
    : sql<string | null>`json_extract(${column}, ${sql.raw(`'$.${path.join(".")}'`)})`;
}

/**
 * The length of the JSON array at `path` inside a JSON column (a rubric's criteria): SQLite's
 * json_array_length, PostgreSQL's jsonb_array_length (a jsonb column only; on a value that is not an
 * array PostgreSQL raises an error where SQLite answers 0). Null where the path is missing.
 */
export function jsonArrayLength(column: Expression, ...path: string[]): SQL<number> {
  for (const key of path) if (!KEY.test(key)) throw new Error(`jsonArrayLength: "${key}" is not a plain key`);
  return databaseDialect() === "postgres"
    ? sql<number>`jsonb_array_length(${column} #> ${sql.raw(`'{${path.join(",")}}'`)})`
    : sql<number>`json_array_length(${column}, ${sql.raw(`'$.${path.join(".")}'`)})`;
}

/** How many rows of the group meet the condition (0 for none), as a number on either database. */
export function sumWhen(condition: SQL): SQL<number> {
  return sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`.mapWith(Number);
}

/**
 * Text that sorts byte by byte, as SQLite's default BINARY collation does, whatever collation the
 * PostgreSQL server was created with (its default sorts by locale: "a" before "B").
 */
export function bytewise(text: Expression): SQL<string> {
  return databaseDialect() === "postgres" ? sql<string>`(${text} collate "C")` : sql<string>`${text}`;
}

/**
 * A JSON array of the values, as text (to JSON.parse): SQLite's json_array, PostgreSQL's
 * json_build_array cast to text, so every driver hands back the same string. Timestamps come out
 * as milliseconds on SQLite and ISO strings on PostgreSQL (both read by `new Date(…)`).
 */
export function jsonArrayText(values: SQL[]): SQL<string | null> {
  const list = sql.join(values, sql`, `);
  return databaseDialect() === "postgres" ? sql<string | null>`json_build_array(${list})::text` : sql<string | null>`json_array(${list})`;
}

/**
 * A time as a bound value in a SELECT list (an INSERT … SELECT), encoded as `column` stores it.
 * PostgreSQL types a parameter there as text, which does not convert to timestamptz on insert, so
 * it gets an explicit cast; SQLite stores the milliseconds as they come.
 */
export function timeValue(at: Date, column: AnySQLiteColumn): SQL<Date> {
  const value = sql.param(at, column);
  return databaseDialect() === "postgres" ? sql<Date>`cast(${value} as timestamptz)` : sql<Date>`${value}`;
}

/**
 * PostgreSQL's spelling of `foldForSearch` (lib/text.ts), made from it: `lower`, then one
 * `translate` for every letter (Latin with Vietnamese, Greek with polytonic, Cyrillic) and apostrophe it turns into
 * one other character, upper case included (a "C" database's `lower` leaves "É" as it is), deleting
 * the combining marks (text stored decomposed, "e" + "◌́"), then a `replace` for each letter that
 * becomes two ("ß" → "ss"). SQLite calls the function itself (`registerSqlFunctions`); a test
 * checks the two agree on both databases.
 */
const PG_FOLD = (() => {
  const from: string[] = [];
  const to: string[] = [];
  const deleted: string[] = [];
  const longer: [string, string][] = [];
  const ranges = [
    [0xc0, 0x24f],
    [0x300, 0x36f], // combining marks
    [0x370, 0x3ff],
    [0x400, 0x4ff],
    [0x1e00, 0x1eff], // Latin Extended Additional: Vietnamese
    [0x1f00, 0x1fff], // Greek Extended: polytonic Greek
  ];
  const characters = ranges.flatMap(([start, end]) =>
    Array.from({ length: end! - start! + 1 }, (_, i) => String.fromCodePoint(start! + i)),
  );
  for (const character of [...characters, ..."‘’‛ʼʹ′`´"]) {
    const folded = foldForSearch(character);
    if (folded === character) continue;
    const length = [...folded].length;
    if (length === 0) deleted.push(character);
    else if (length === 1) {
      from.push(character);
      to.push(folded);
    } else longer.push([character, folded]);
  }
  // translate() deletes the characters of its second list that have no partner in the third.
  return { from: [...from, ...deleted].join(""), to: to.join(""), longer };
})();

/** Text a search folds as `lower` does (ASCII, no backquote): the common case, without normalizing. */
const PLAIN = /^[\x00-\x5f\x61-\x7f]*$/;

/** The SQL functions SQLite lacks that the query layer calls, on each connection. */
export function registerSqlFunctions(sqlite: {
  function(name: string, options: { deterministic: boolean }, fn: (...values: unknown[]) => unknown): unknown;
}) {
  sqlite.function("search_fold", { deterministic: true }, (value) =>
    typeof value !== "string" ? value : PLAIN.test(value) ? value.toLowerCase() : foldForSearch(value),
  );
  sqlite.function("new_row_id", { deterministic: false }, () => crypto.randomUUID());
}

/**
 * A new row id made by the database, one per row, in the form the schema's ids take (a random
 * UUID, as `crypto.randomUUID()`): for an INSERT … SELECT that writes many rows in one statement.
 * SQLite calls the app's own crypto.randomUUID (registerSqlFunctions); PostgreSQL has gen_random_uuid.
 */
export function newRowId(): SQL<string> {
  return databaseDialect() === "postgres" ? sql<string>`gen_random_uuid()::text` : sql<string>`new_row_id()`;
}

/** PLAIN's opposite, for PostgreSQL's regular expressions: a character a search folds otherwise than `lower` does. */
const NOT_PLAIN = "[^\\x01-\\x5f\\x61-\\x7f]";

function folded(column: Expression): SQL {
  if (databaseDialect() !== "postgres") return sql`search_fold(${column})`;
  let expression = sql`translate(lower(${column}), ${PG_FOLD.from}, ${PG_FOLD.to})`;
  for (const [letter, spelled] of PG_FOLD.longer) expression = sql`replace(${expression}, ${letter}, ${spelled})`;
  // Plain text (every email, most names) takes `lower` alone, as on SQLite: the translate looks each
  // character up in a list of about 1,100, about 45 µs a name, and a search of 20,000 accounts took
  // 3.8 s. The regular expression costs a microsecond.
  return sql`(case when ${column} ~ ${NOT_PLAIN} then ${expression} else lower(${column}) end)`;
}

/**
 * The key the administrator's list of every account sorts by: the name, capitals or not ("ada"
 * beside "Ada", not after "Zoe"), then byte by byte on both databases (lower() of ASCII letters, the
 * same on each). Not accents: folding them in SQL costs PostgreSQL about 45 µs a row (a translate
 * over a thousand letters), 880 ms for a page of 20,000 accounts. A class is ordered by its
 * enrollments' stored folded names instead (lib/class-order.ts `sortNameOf`).
 */
export function nameOrder(text: Expression): SQL<string> {
  return sql<string>`lower(${bytewise(text)})`;
}

function matching(term: string, columns: Expression[], fold: boolean): SQL {
  if (!isStorableText(term)) return sql`1 = 0`;
  const pattern = `%${(fold ? foldForSearch(term) : term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // Ignoring case only, the database lowers both sides alike: SQLite's lower() changes A–Z alone, so
  // a term lowered in JavaScript ("ángela") would never meet the stored "Ángela" lowered there.
  return or(
    ...columns.map((column) =>
      fold ? sql`${folded(column)} like ${pattern} escape '\\'` : sql`lower(${column}) like lower(${pattern}) escape '\\'`,
    ),
  )!;
}

/**
 * `term` anywhere in any of the columns, ignoring case, accents and the kind of apostrophe
 * ("hernandez" finds "Hernández", "o'brien" "O’Brien"); % and _ in it match themselves. A term
 * with a character no stored text can hold matches nothing (PostgreSQL would refuse it as a
 * parameter): a search link is answered with an empty list, never a 500. For tables the size of the
 * school's people and classes: folding costs about a microsecond and a half a row on SQLite (a call
 * into JavaScript), ten times `lower`.
 */
export function contains(term: string, ...columns: Expression[]): SQL {
  return matching(term, columns, true);
}

/**
 * As `contains`, ignoring case only (ASCII on SQLite: "Ángela" finds "Ángela" but not "ÁNGELA"), at
 * `lower`'s cost: for a table of millions of rows.
 */
export function containsIgnoringCase(term: string, ...columns: Expression[]): SQL {
  return matching(term, columns, false);
}
