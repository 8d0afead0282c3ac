import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { getTableName, is, SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pg from "./pg";
import * as sqlite from "./sqlite";

/**
 * The two declarations of the schema must describe the same database: the same tables, columns,
 * types (each SQLite storage type paired with its PostgreSQL one), nullability, defaults, primary
 * and foreign keys, indexes (columns, uniqueness, partial conditions) and constraints.
 */
const TYPE_PAIRS: Record<string, string> = {
  // SQLite column type (Drizzle's) → PostgreSQL column type (Drizzle's)
  "SQLiteText/string": "PgText/string",
  "SQLiteTextJson/json": "PgJsonb/json",
  "SQLiteInteger/number": "PgInteger/number",
  "SQLiteBoolean/boolean": "PgBoolean/boolean",
  "SQLiteTimestamp/date": "PgTimestamp/date",
};

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();
/** A partial index's condition, with the dialect's quoting taken out. */
const condition = (where: SQL | undefined, dialect: SQLiteSyncDialect | PgDialect) =>
  where ? dialect.sqlToQuery(where).sql.replaceAll('"', "").replaceAll("`", "") : null;

type Config = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;
type Column = Config["columns"][number];

/** What the test compares of one table, whatever its dialect: `type` names a column's paired type. */
function describeTable(c: Config, type: (col: Column) => string, dialect: SQLiteSyncDialect | PgDialect) {
  return {
    columns: Object.fromEntries(
      c.columns.map((col: Column) => [
        col.name,
        {
          type: type(col),
          notNull: col.notNull,
          primaryKey: col.primary,
          default: col.default === undefined ? null : String(col.default),
          runtimeDefault: Boolean(col.defaultFn),
          enum: col.enumValues ?? null,
        },
      ]),
    ),
    foreignKeys: c.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return `${ref.columns.map((x) => x.name).join(",")} → ${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((x) => x.name).join(",")}) on delete ${fk.onDelete ?? "no action"}`;
      })
      .sort(),
    indexes: c.indexes
      .map((i) => ({
        name: i.config.name ?? "",
        unique: i.config.unique,
        columns: i.config.columns.map((x) => (is(x, SQL) ? "expr" : (x as { name: string }).name)),
        where: condition(i.config.where, dialect),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: c.primaryKeys.map((k) => k.columns.map((x) => x.name).join(",")).sort(),
    uniques: c.uniqueConstraints.map((u) => u.getName()).sort(),
    checks: c.checks.map((x) => x.name).sort(),
  };
}

const describeSqlite = (table: SQLiteTable) =>
  describeTable(
    sqliteTableConfig(table),
    (col) => TYPE_PAIRS[`${col.columnType}/${col.dataType}`] ?? `unpaired ${col.columnType}/${col.dataType}`,
    sqliteDialect,
  );

// The sort keys are text with byte-order collation (see pg.ts): text all the same.
const describePg = (table: PgTable) =>
  describeTable(
    pgTableConfig(table),
    (col) => (col.getSQLType() === 'text COLLATE "C"' ? "PgText/string" : `${col.columnType}/${col.dataType}`),
    pgDialect,
  );

const sqliteTables = Object.fromEntries(
  Object.values(sqlite as Record<string, unknown>)
    .filter((t): t is SQLiteTable => is(t, SQLiteTable))
    .map((t) => [getTableName(t), t]),
);
const pgTables = Object.fromEntries(
  Object.values(pg as Record<string, unknown>)
    .filter((t): t is PgTable => is(t, PgTable))
    .map((t) => [getTableName(t), t]),
);

describe("the SQLite and PostgreSQL schemas", () => {
  it("declare the same tables, under the same export names", () => {
    expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
    const names = (ns: object, kind: typeof SQLiteTable | typeof PgTable) =>
      Object.entries(ns)
        .filter(([, v]) => is(v, kind))
        .map(([k]) => k)
        .sort();
    expect(names(pg, PgTable)).toEqual(names(sqlite, SQLiteTable));
  });

  for (const name of Object.keys(sqliteTables)) {
    it(`declare ${name} alike: columns, types, keys, indexes, constraints`, () => {
      expect(describePg(pgTables[name]!)).toEqual(describeSqlite(sqliteTables[name]!));
    });
  }

  it("pair every SQLite column type with a PostgreSQL one (the check above would say 'unpaired')", () => {
    const all = Object.values(sqliteTables).flatMap((t) => Object.values(describeSqlite(t!).columns).map((c) => c.type));
    expect(all.filter((t) => t.startsWith("unpaired"))).toEqual([]);
    expect(new Set(all).size).toBeGreaterThan(3);
  });
});
