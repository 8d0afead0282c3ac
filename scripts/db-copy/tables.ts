import { count, getTableColumns, getTableName, gt, inArray, is, sql, type Column } from "drizzle-orm";
import { getTableConfig as getPgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as pgSchema from "../../db/schema/pg";
import * as sqliteSchema from "../../db/schema/sqlite";
import { CopyRefused, type SourceDatabase, type TargetDb } from "./databases";

/**
 * Rows, table by table: read through the SQLite declaration (db/schema/sqlite.ts) and written
 * through the PostgreSQL one (db/schema/pg.ts), so Drizzle converts each value on both sides
 * (ms integers ↔ Date ↔ timestamptz, 0/1 ↔ boolean ↔ boolean, JSON text ↔ object ↔ jsonb), and
 * compared as those JavaScript values. Rows are matched by primary key.
 */

type Row = Record<string, unknown>;

export type TablePair = {
  name: string;
  source: SQLiteTable;
  target: PgTable;
  /** The primary key's property name (`id`, or `key` for the sign-in throttle). */
  key: string;
  /** Properties that point at another row of the same table (users.createdBy): parents are copied first. */
  selfReferences: string[];
};

const BATCH = 500;
const ID_PAGE = 5_000;
const SAMPLES = 5;

/**
 * Every table of the schema, parents before children (foreign keys), so each batch only refers to
 * rows already there. Read from the schema itself: a table added later is copied without a change here.
 */
export function tablesInCopyOrder(): TablePair[] {
  const sqliteTables = new Map(
    (Object.values(sqliteSchema) as unknown[])
      .filter((value): value is SQLiteTable => is(value, SQLiteTable))
      .map((table) => [getTableName(table), table]),
  );
  const pairs = new Map<string, TablePair & { parents: string[] }>();
  for (const target of (Object.values(pgSchema) as unknown[]).filter((value): value is PgTable => is(value, PgTable))) {
    const name = getTableName(target);
    const source = sqliteTables.get(name);
    if (!source) throw new Error(`Table ${name} is declared for PostgreSQL only (db/schema/parity.test.ts should have said so).`);
    const config = getPgTableConfig(target);
    const columns = Object.entries(getTableColumns(target));
    const property = (column: Column) => columns.find(([, c]) => c.name === column.name)![0];
    const primary = config.columns.filter((column) => column.primary);
    if (primary.length !== 1) throw new Error(`Table ${name} needs exactly one primary-key column to be copied.`);
    const references = config.foreignKeys.map((fk) => fk.reference());
    pairs.set(name, {
      name,
      source,
      target,
      key: property(primary[0]!),
      selfReferences: references.filter((r) => getTableName(r.foreignTable) === name).flatMap((r) => r.columns.map(property)),
      parents: references.map((r) => getTableName(r.foreignTable)).filter((parent) => parent !== name),
    });
  }
  if (sqliteTables.size !== pairs.size) throw new Error("The SQLite and PostgreSQL schemas declare different tables.");
  const ordered: TablePair[] = [];
  const placed = new Set<string>();
  while (ordered.length < pairs.size) {
    // By name within each step, so the order (and the summary) is the same whatever order the schema module lists its tables in.
    const ready = [...pairs.values()]
      .filter((pair) => !placed.has(pair.name) && pair.parents.every((parent) => placed.has(parent)))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (ready.length === 0) throw new Error("The tables' foreign keys form a cycle: no copy order exists.");
    for (const { parents: _parents, ...pair } of ready) {
      ordered.push(pair);
      placed.add(pair.name);
    }
  }
  return ordered;
}

/** A value as comparable text: Dates as instants, object keys sorted (jsonb keeps its own key order). */
function comparable(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, comparable((value as Row)[key])]),
    );
  return value;
}

/** The columns (by their names in the database) whose values differ between the laptop's row and the target's. */
function differingColumns(pair: TablePair, source: Row, target: Row): string[] {
  return Object.entries(getTableColumns(pair.source))
    .filter(([key]) => JSON.stringify(comparable(source[key])) !== JSON.stringify(comparable(target[key])))
    .map(([, column]) => column.name);
}

/** PostgreSQL stores no NUL character in text or jsonb; SQLite does. */
function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.values(value).some(holdsNul);
  return false;
}

/** A query error as one line: PostgreSQL's own message and detail, never Drizzle's "Failed query" with every value in it. */
export function describeDbError(error: unknown): string {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, message, detail } = e as { code?: unknown; message?: unknown; detail?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return `${String(message)}${detail ? ` (${String(detail)})` : ""}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

/** What one table looks like on both sides, before or after the copy. */
export type TableComparison = {
  table: string;
  /** Rows on the laptop. */
  source: number;
  /** Rows in the target. */
  target: number;
  /** Laptop rows the target lacks. */
  missing: number;
  /** Rows on both sides whose values differ, with a few of their ids and columns. */
  differing: number;
  differingSamples: { id: string; columns: string[] }[];
  /** Target rows the laptop does not have (deleted on the laptop since a copy, or another install's data). */
  extra: number;
  extraSamples: string[];
  /** Laptop rows PostgreSQL cannot store as they are (a NUL character). */
  unstorable: { id: string; columns: string[] }[];
};

type Progress = (table: string, done: number, total: number) => void;

/** Runs the per-table reads against one source snapshot and one target, remembering the laptop's ids. */
export class TableCopier {
  private readonly ids = new Map<string, string[]>();

  constructor(
    private readonly source: SourceDatabase,
    private readonly target: TargetDb,
    /** False while the target has no tables yet (a dry run on an empty database): it counts as empty. */
    private readonly targetReady: boolean,
  ) {}

  /** The laptop's primary keys, parents before children within a self-referencing table. */
  async sourceIds(pair: TablePair): Promise<string[]> {
    const known = this.ids.get(pair.name);
    if (known) return known;
    const columns = getTableColumns(pair.source);
    const selected = Object.fromEntries([pair.key, ...pair.selfReferences].map((key) => [key, columns[key]!]));
    const rows = (await this.source.db.select(selected).from(pair.source)) as Row[];
    const ids = pair.selfReferences.length === 0 ? rows.map((row) => String(row[pair.key])) : parentsFirst(pair, rows);
    this.ids.set(pair.name, ids);
    return ids;
  }

  private async sourceRows(pair: TablePair, ids: string[]): Promise<Row[]> {
    const rows = (await this.source.db
      .select()
      .from(pair.source)
      .where(inArray(getTableColumns(pair.source)[pair.key]!, ids))) as Row[];
    const byId = new Map(rows.map((row) => [String(row[pair.key]), row]));
    return ids.map((id) => byId.get(id)).filter((row): row is Row => row !== undefined);
  }

  private async targetRows(pair: TablePair, ids: string[]): Promise<Map<string, Row>> {
    if (!this.targetReady) return new Map();
    const rows = (await this.target
      .select()
      .from(pair.target)
      .where(inArray(getTableColumns(pair.target)[pair.key]!, ids))) as Row[];
    return new Map(rows.map((row) => [String(row[pair.key]), row]));
  }

  /** The target's primary keys that the laptop does not have, a page at a time. */
  private async extraIds(pair: TablePair): Promise<string[]> {
    if (!this.targetReady) return [];
    const laptop = new Set(await this.sourceIds(pair));
    const key = getTableColumns(pair.target)[pair.key]!;
    const extra: string[] = [];
    for (let last: string | undefined; ;) {
      const page = (await this.target
        .select({ id: key })
        .from(pair.target)
        .where(last === undefined ? undefined : gt(key, last))
        .orderBy(key)
        .limit(ID_PAGE)) as { id: string }[];
      for (const { id } of page) if (!laptop.has(id)) extra.push(id);
      if (page.length < ID_PAGE) return extra;
      last = page.at(-1)!.id;
    }
  }

  private async targetCount(pair: TablePair): Promise<number> {
    if (!this.targetReady) return 0;
    return Number((await this.target.select({ n: count() }).from(pair.target))[0]?.n ?? 0);
  }

  /** Reads both sides of one table and says how they differ; writes nothing. */
  async compare(pair: TablePair, progress: Progress): Promise<TableComparison> {
    const ids = await this.sourceIds(pair);
    const result: TableComparison = {
      table: pair.name,
      source: ids.length,
      target: await this.targetCount(pair),
      missing: 0,
      differing: 0,
      differingSamples: [],
      extra: 0,
      extraSamples: [],
      unstorable: [],
    };
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const [rows, existing] = await Promise.all([this.sourceRows(pair, batch), this.targetRows(pair, batch)]);
      for (const row of rows) {
        const id = String(row[pair.key]);
        const nul = Object.entries(getTableColumns(pair.source))
          .filter(([key]) => holdsNul(row[key]))
          .map(([, column]) => column.name);
        if (nul.length > 0) result.unstorable.push({ id, columns: nul });
        const there = existing.get(id);
        if (!there) {
          result.missing++;
          continue;
        }
        const columns = differingColumns(pair, row, there);
        if (columns.length === 0) continue;
        result.differing++;
        if (result.differingSamples.length < SAMPLES) result.differingSamples.push({ id, columns });
      }
      progress(pair.name, Math.min(start + BATCH, ids.length), ids.length);
    }
    const extra = await this.extraIds(pair);
    result.extra = extra.length;
    result.extraSamples = extra.slice(0, SAMPLES);
    return result;
  }

  /** Deletes the target's rows the laptop no longer has (only when the operator asked for --mirror). */
  async deleteExtra(pair: TablePair): Promise<number> {
    const extra = await this.extraIds(pair);
    const key = getTableColumns(pair.target)[pair.key]!;
    for (let start = 0; start < extra.length; start += BATCH) {
      const batch = extra.slice(start, start + BATCH);
      try {
        await this.target.delete(pair.target).where(inArray(key, batch));
      } catch (error) {
        throw new Error(`${pair.name}: deleting rows the laptop no longer has (${batch[0]}…) failed: ${describeDbError(error)}`);
      }
    }
    return extra.length;
  }

  /**
   * Writes the laptop's rows the target lacks, a batch per statement (`on conflict do nothing`, so
   * a batch written twice changes nothing), and, with `overwrite`, the rows that differ as well
   * (`on conflict do update`, every column from the laptop). Rows already equal are not written.
   */
  async copy(pair: TablePair, { overwrite }: { overwrite: boolean }, progress: Progress) {
    const ids = await this.sourceIds(pair);
    const columns = getTableColumns(pair.target);
    const key = columns[pair.key]!;
    const fromLaptop = Object.fromEntries(
      Object.entries(columns)
        .filter(([property]) => property !== pair.key)
        .map(([property, column]) => [property, sql`excluded.${sql.identifier(column.name)}`]),
    );
    const outcome = { added: 0, updated: 0, left: 0 };
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const [rows, existing] = await Promise.all([this.sourceRows(pair, batch), this.targetRows(pair, batch)]);
      const missing = rows.filter((row) => !existing.has(String(row[pair.key])));
      const differing = rows.filter((row) => {
        const there = existing.get(String(row[pair.key]));
        return there !== undefined && differingColumns(pair, row, there).length > 0;
      });
      try {
        if (missing.length > 0) {
          const written = await this.target.insert(pair.target).values(missing).onConflictDoNothing({ target: key }).returning({ id: key });
          outcome.added += written.length;
        }
        if (overwrite && differing.length > 0) {
          await this.target.insert(pair.target).values(differing).onConflictDoUpdate({ target: key, set: fromLaptop });
          outcome.updated += differing.length;
        } else outcome.left += differing.length;
      } catch (error) {
        throw new Error(`${pair.name}: writing rows ${batch[0]}… failed: ${describeDbError(error)}`);
      }
      progress(pair.name, Math.min(start + BATCH, ids.length), ids.length);
    }
    return outcome;
  }
}

/** Orders a self-referencing table's ids so every row comes after the rows it points at. */
function parentsFirst(pair: TablePair, rows: Row[]): string[] {
  const parentsOf = new Map(
    rows.map((row) => [
      String(row[pair.key]),
      pair.selfReferences.map((ref) => row[ref]).filter((p): p is string => typeof p === "string"),
    ]),
  );
  const ordered: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  for (const start of parentsOf.keys()) {
    // Depth-first without recursion: a long chain of creators cannot overflow the stack.
    const stack: { id: string; expanded: boolean }[] = [{ id: start, expanded: false }];
    while (stack.length > 0) {
      const top = stack.pop()!;
      if (state.get(top.id) === "done") continue;
      if (top.expanded) {
        state.set(top.id, "done");
        ordered.push(top.id);
        continue;
      }
      if (state.get(top.id) === "visiting")
        throw new CopyRefused(`${pair.name}: rows ${top.id} and others point at each other in a cycle; they cannot be copied in order.`);
      state.set(top.id, "visiting");
      stack.push({ id: top.id, expanded: true });
      for (const parent of parentsOf.get(top.id) ?? [])
        if (parentsOf.has(parent) && state.get(parent) !== "done") stack.push({ id: parent, expanded: false });
    }
  }
  return ordered;
}
