import "server-only";
import { and, count, eq, getTableColumns, getTableName, inArray, is, or, sql, Table, type Column, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import * as schema from "@/db/schema";
import { FormError } from "@/lib/errors";
import { redactName } from "@/lib/privacy/redact-name";
import { PERSONAL_DATA, type PersonLink, type TableEntry } from "@/lib/privacy/registry";
import type { Db } from "./queries/ownership";

/**
 * The registry of personal data (lib/privacy/registry.ts) applied to the database: which rows of
 * each table lead to one person, read for an export, counted for the erasure page, and erased.
 * Callers check who may do this (db/queries/privacy.ts, db/queries/retention.ts); nothing here does.
 */

export type Person = { id: string; email: string; name: string };

const TABLES = new Map<string, Table>();
for (const value of Object.values(schema)) if (is(value, Table)) TABLES.set(getTableName(value), value);

/** The schema's table of that SQL name (the registry names tables as the database does). */
function tableNamed(name: string): Table {
  const table = TABLES.get(name);
  if (!table) throw new Error(`The registry names a table the schema does not have: ${name}`);
  return table;
}

/** The schema's tables by SQL name, for the registry's completeness test and the erasure test. */
export function allTables(): ReadonlyMap<string, Table> {
  return TABLES;
}

function columnNamed(table: Table, name: string): Column {
  const column = Object.values(getTableColumns(table)).find((c) => c.name === name);
  if (!column) throw new Error(`The registry names a column ${getTableName(table)} does not have: ${name}`);
  return column;
}

/**
 * The condition on `entry.table` that picks the rows leading to the person by one link. `exported`:
 * for an export, which leaves out throttle keys holding a network address before the email (the
 * address may be anyone's who typed the email; those rows are still counted and erased).
 */
function linkCondition(entry: TableEntry, link: PersonLink, person: Person, exported = false): SQL {
  const table = tableNamed(entry.table);
  const column = columnNamed(table, link.column);
  let condition: SQL;
  if (link.endsWithEmail) {
    // Throttle keys end with ":email" or " email"; compared by position, so an "_" in an address is no wildcard.
    const endings = exported ? [`:${person.email}`] : [` ${person.email}`, `:${person.email}`];
    condition = sql`substr(${column}, length(${column}) - ${person.email.length}) in ${endings}`;
  } else if (link.through) {
    const parent = tableNamed(link.through.table);
    condition = sql`${column} in (select ${columnNamed(parent, "id")} from ${parent} where ${columnNamed(parent, link.through.column)} = ${person.id})`;
  } else {
    condition = sql`${column} = ${person.id}`;
  }
  const only = "set" in link.erase ? link.erase.onlyWhere : undefined;
  return only ? and(condition, inArray(columnNamed(table, only.column), [...only.in]))! : condition;
}

/** Every row of the table that leads to the person by any of its links. */
function rowsCondition(entry: TableEntry, person: Person, exported = false): SQL {
  return or(...entry.links.map((link) => linkCondition(entry, link, person, exported)))!;
}

/**
 * Whether the row may be in the person's own export now: it is not grading (`onlyWhere`) of the
 * person's OWN work while that work is not returned. So a teacher's own export keeps the grading they
 * did, and a row whose work is gone, or that has no hand-in behind it (excusing a student who never
 * started), shows at once. The work is found by the registry's `untilReturned`: its submission, or
 * its assignment and student.
 */
function shownNow(table: Table, hidden: NonNullable<TableEntry["untilReturned"]>, person: Person): SQL {
  const work =
    "submission" in hidden
      ? sql`open_work.id = ${columnNamed(table, hidden.submission)}`
      : sql`open_work.assignment_id = ${columnNamed(table, hidden.work.assignment)} and open_work.student_id = ${columnNamed(table, hidden.work.student)}`;
  const shown = sql`not exists (select 1 from ${schema.submissions} open_work
    where ${work} and open_work.student_id = ${person.id} and open_work.returned_at is null)`;
  return hidden.onlyWhere ? or(sql`not ${inArray(columnNamed(table, hidden.onlyWhere.column), [...hidden.onlyWhere.in])}`, shown)! : shown;
}

/**
 * Whose export: the person's "own" leaves out grading of work not yet returned, as the app shows
 * them (the registry's `untilReturned`); an administrator's "complete" one, for a formal access
 * request, holds everything.
 */
export type ExportView = "own" | "complete";

/** A column read only to tell whether the row's grading may be shown (shownNow), then dropped. */
const SHOWN = "__shown";

const linked = () => PERSONAL_DATA.filter((entry) => entry.links.length > 0);

/**
 * Every row about the person, table by table (the registry's order), keyed by column name as the
 * database names them, less the columns never exported (the password hash) and, in the person's
 * own view, grading of work not yet returned.
 */
export async function readPersonRows(db: Db, person: Person, view: ExportView): Promise<Record<string, Record<string, unknown>[]>> {
  const result: Record<string, Record<string, unknown>[]> = {};
  for (const entry of linked()) {
    const table = tableNamed(entry.table);
    const columns = Object.fromEntries(
      Object.values(getTableColumns(table))
        .filter((c) => !entry.neverExported?.includes(c.name))
        .map((c) => [c.name, c]),
    ) as Record<string, AnySQLiteColumn | SQL.Aliased<number>>;
    const hidden = view === "own" ? entry.untilReturned : undefined;
    const shown = hidden && shownNow(table, hidden, person);
    if (shown && hidden.columns) columns[SHOWN] = sql<number>`case when ${shown} then 1 else 0 end`.mapWith(Number).as(SHOWN);
    const where = shown && !hidden.columns ? and(rowsCondition(entry, person, true), shown) : rowsCondition(entry, person, true);
    const rows = (await db.select(columns).from(table).where(where)) as Record<string, unknown>[];
    if (shown && hidden.columns) {
      for (const row of rows) {
        if (!row[SHOWN]) for (const name of hidden.columns) row[name] = null;
        delete row[SHOWN];
      }
    }
    result[entry.table] = rows;
  }
  return result;
}

/** How many rows of each table are about the person. */
export async function countPersonRows(db: Db, person: Person): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entry of linked()) {
    const [row] = await db.select({ n: count() }).from(tableNamed(entry.table)).where(rowsCondition(entry, person));
    counts[entry.table] = Number(row?.n ?? 0);
  }
  return counts;
}

/** The storage keys of every file about the person (originals and thumbnails). */
async function personFileKeys(db: Db, person: Person): Promise<string[]> {
  const keys: string[] = [];
  for (const entry of linked()) {
    if (!entry.files?.length) continue;
    const table = tableNamed(entry.table);
    const columns = Object.fromEntries(entry.files.map((name) => [name, columnNamed(table, name)])) as Record<string, AnySQLiteColumn>;
    for (const row of (await db.select(columns).from(table).where(rowsCondition(entry, person))) as Record<string, string>[]) {
      for (const name of entry.files) if (row[name]) keys.push(row[name]);
    }
  }
  return keys;
}

/** Why the person cannot be erased (the registry's `refuse` links that have rows), or null. */
export async function erasureRefusal(db: Db, person: Person): Promise<string | null> {
  for (const entry of linked()) {
    for (const link of entry.links) {
      if (!("refuse" in link.erase)) continue;
      const [row] = await db
        .select({ n: count() })
        .from(tableNamed(entry.table))
        .where(linkCondition(entry, link, person));
      if (Number(row?.n ?? 0) > 0) return link.erase.refuse;
    }
  }
  return null;
}

/**
 * Takes the person's name out of the free text their teachers wrote (the registry's
 * `namesStudents`): the rows of every teacher who has them on a roster, removed or archived too.
 * Run before the enrollments go, since they are how the teachers are found.
 */
async function redactNameInTeachersText(tx: Db, person: Person): Promise<void> {
  const teachers = sql`(select ${schema.sections.teacherId} from ${schema.enrollments}
    join ${schema.sections} on ${schema.sections.id} = ${schema.enrollments.sectionId}
    where ${schema.enrollments.studentId} = ${person.id})`;
  for (const entry of PERSONAL_DATA) {
    if (!entry.namesStudents) continue;
    const table = tableNamed(entry.table);
    const id = columnNamed(table, "id") as AnySQLiteColumn;
    const text = columnNamed(table, entry.namesStudents.column) as AnySQLiteColumn;
    const teacher = columnNamed(table, entry.namesStudents.teacher);
    const rows = (await tx
      .select({ id, text })
      .from(table)
      .where(sql`${teacher} in ${teachers}`)) as { id: string; text: string }[];
    for (const row of rows) {
      const redacted = redactName(row.text, person.name);
      if (redacted === row.text) continue;
      await tx
        .update(table)
        .set({ [keyOf(table, entry.namesStudents.column)]: redacted })
        .where(eq(id, row.id));
    }
  }
}

/**
 * Erases the person inside the caller's write transaction, as the registry says: their name is
 * taken out of their teachers' free text, rows kept are cleared (while the rows they lead through
 * still exist), then rows that lead through a parent are deleted, then the person's own rows, the
 * account last. Returns the storage keys of their files, for the caller to delete once the
 * transaction has committed.
 */
export async function erasePersonRows(tx: Db, person: Person): Promise<string[]> {
  const refusal = await erasureRefusal(tx, person);
  if (refusal) throw new FormError(`This account can't be erased: it ${refusal}.`);
  const keys = await personFileKeys(tx, person);
  await redactNameInTeachersText(tx, person);
  const links = linked().flatMap((entry) => entry.links.map((link) => ({ entry, link })));
  for (const { entry, link } of links) {
    if (!("set" in link.erase)) continue;
    const table = tableNamed(entry.table);
    const values = Object.fromEntries(Object.entries(link.erase.set).map(([name, value]) => [keyOf(table, name), value]));
    await tx
      .update(table)
      .set(values)
      .where(linkCondition(entry, link, person));
  }
  const deletes = links.filter(({ link }) => "delete" in link.erase);
  const rank = ({ link }: { link: PersonLink }) => (link.through ? 0 : link.column === "id" ? 2 : 1);
  for (const { entry, link } of [...deletes].sort((a, b) => rank(a) - rank(b))) {
    await tx.delete(tableNamed(entry.table)).where(linkCondition(entry, link, person));
  }
  return keys;
}

/** The property name Drizzle knows a column by, from the name the database knows it by. */
function keyOf(table: Table, name: string): string {
  const entry = Object.entries(getTableColumns(table)).find(([, c]) => c.name === name);
  if (!entry) throw new Error(`No column ${name} in ${getTableName(table)}`);
  return entry[0];
}
