import SqliteDatabase from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { eq, sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "./statement-cache";

const people = sqliteTable("people", { id: integer("id").primaryKey(), name: text("name").notNull() });

function open(size?: number) {
  const connection = new SqliteDatabase(":memory:");
  connection.exec("create table people (id integer primary key, name text not null); insert into people values (1, 'Ana'), (2, 'Ben')");
  cacheStatements(connection, size);
  return { connection, db: drizzle(connection) };
}

describe("cacheStatements", () => {
  it("hands back the statement compiled before for the same SQL, and a new one for other SQL", () => {
    const { connection } = open();
    const first = connection.prepare("select name from people where id = ?");
    expect(connection.prepare("select name from people where id = ?")).toBe(first);
    expect(connection.prepare("select id from people where id = ?")).not.toBe(first);
  });

  it("answers Drizzle's queries with the same rows when their statements are reused", async () => {
    const { db } = open();
    for (let i = 0; i < 3; i++) {
      expect(await db.select().from(people).where(eq(people.id, 2))).toEqual([{ id: 2, name: "Ben" }]);
      expect(await db.select({ n: people.name }).from(people).orderBy(people.id)).toEqual([{ n: "Ana" }, { n: "Ben" }]);
    }
  });

  it("gives a statement Drizzle switched to arrays back in the objects mode a fresh one has", async () => {
    const { db } = open();
    // Drizzle's own select maps columns itself, so it runs its statement in arrays (raw) mode …
    const select = db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, 1));
    expect(await select).toEqual([{ id: 1, name: "Ana" }]);
    // … and a query of exactly the same SQL text written by hand wants objects from that statement.
    const byHand = sql`select "id", "name" from "people" where "people"."id" = ${1}`;
    expect(select.toSQL().sql).toBe('select "id", "name" from "people" where "people"."id" = ?');
    expect(db.all(byHand)).toEqual([{ id: 1, name: "Ana" }]);
    expect(await select).toEqual([{ id: 1, name: "Ana" }]);
  });

  it("keeps at most `size` statements, dropping the least recently used", () => {
    const { connection } = open(2);
    const a = connection.prepare("select 1");
    const b = connection.prepare("select 2");
    expect(connection.prepare("select 1")).toBe(a); // now "select 2" is the oldest
    connection.prepare("select 3");
    expect(connection.prepare("select 1")).toBe(a);
    expect(connection.prepare("select 2")).not.toBe(b);
  });

  it("still reports SQL that does not compile, and caches nothing for it", () => {
    const { connection } = open();
    expect(() => connection.prepare("select nope from people")).toThrow(/no such column/);
    connection.exec("alter table people add column nope text");
    // eslint-disable-next-line no-restricted-syntax -- better-sqlite3's own statement, not a query builder
    expect(connection.prepare("select nope from people").all()).toHaveLength(2);
  });

  it("leaves writes working through reused statements", async () => {
    const { db } = open();
    for (const name of ["Cy", "Di"]) await db.insert(people).values({ name });
    expect((await db.select().from(people)).map((p) => p.name)).toEqual(["Ana", "Ben", "Cy", "Di"]);
  });
});
