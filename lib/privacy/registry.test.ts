import fs from "node:fs";
import { getTableName, is, Table } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema/sqlite";
import { privacyDocument } from "./document";
import { PERSONAL_DATA, registryEntry } from "./registry";

/**
 * The registry of personal data must name every table of the schema, and every column that leads
 * to a person, so a table added later cannot be left out of the export, the erasure or the docs.
 */

const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, Table));

/** Each foreign key as (table, column) → (referenced table, column). */
const foreignKeys = tables.flatMap((table) =>
  getTableConfig(table).foreignKeys.map((fk) => {
    const ref = fk.reference();
    return {
      table: getTableName(table),
      column: ref.columns[0]!.name,
      target: getTableName(ref.foreignTable),
      targetColumn: ref.foreignColumns[0]!.name,
      onDelete: fk.onDelete,
    };
  }),
);

/** Tables whose rows are deleted with their person by a column of their own (a student's submissions, enrollments…). */
const personOwned = new Set(
  PERSONAL_DATA.filter((e) => e.table !== "users" && e.links.some((l) => !l.through && !l.endsWithEmail && "delete" in l.erase)).map(
    (e) => e.table,
  ),
);

describe("the registry of personal data", () => {
  it("lists every table of the schema, and only those", () => {
    const names = tables.map((t) => getTableName(t)).sort();
    expect(PERSONAL_DATA.map((e) => e.table).sort()).toEqual(names);
  });

  it("gives every table a title of its own in plain words", () => {
    const titles = PERSONAL_DATA.map((entry) => entry.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const entry of PERSONAL_DATA) expect(entry.title).toMatch(/^[A-Z][A-Za-z' -]+$/); // words, no underscores
  });

  it("names only columns that exist", () => {
    for (const entry of PERSONAL_DATA) {
      const table = tables.find((t) => getTableName(t) === entry.table)!;
      const columns = new Set(getTableConfig(table).columns.map((c) => c.name));
      const named = [
        ...Object.keys(entry.columns),
        ...Object.keys(entry.staff ?? {}),
        ...(entry.neverExported ?? []),
        ...(entry.files ?? []),
        ...entry.links.flatMap((l) => [
          l.column,
          ...("set" in l.erase ? [...Object.keys(l.erase.set), l.erase.onlyWhere?.column ?? l.column] : []),
        ]),
      ];
      for (const column of named) expect(columns.has(column), `${entry.table}.${column}`).toBe(true);
    }
  });

  it("covers every column that references an account: as the row's person or as staff acting on it", () => {
    const toUsers = foreignKeys.filter((fk) => fk.target === "users");
    expect(toUsers.length).toBeGreaterThan(10);
    for (const fk of toUsers) {
      const entry = registryEntry(fk.table);
      const covered = entry?.links.some((l) => l.column === fk.column && !l.through) || fk.column in (entry?.staff ?? {});
      expect(covered, `${fk.table}.${fk.column} references users: add it to lib/privacy/registry.ts`).toBe(true);
    }
  });

  it("never keeps an account from being erased by a column naming it as staff: the reference empties, or its row goes", () => {
    // A teacher who graded, then left: their account is erased by the retention purge (a NO ACTION
    // reference here once failed the whole purge). Refusing is the registry's to say, with a reason.
    const staff = foreignKeys.filter((fk) => fk.target === "users" && fk.column in (registryEntry(fk.table)?.staff ?? {}));
    expect(staff.map((fk) => `${fk.table}.${fk.column}`)).toEqual(expect.arrayContaining(["scores.updated_by", "grade_events.actor_id"]));
    for (const fk of staff) expect(["set null", "cascade"], `${fk.table}.${fk.column}`).toContain(fk.onDelete);
  });

  it("links every child of a person's own rows to the person through that parent", () => {
    const children = foreignKeys.filter((fk) => personOwned.has(fk.target));
    expect(children.map((fk) => fk.table)).toContain("submission_images");
    for (const fk of children) {
      const through = registryEntry(fk.table)?.links.some((l) => l.column === fk.column && l.through?.table === fk.target);
      expect(through, `${fk.table}.${fk.column} references ${fk.target}: link it through ${fk.target} in lib/privacy/registry.ts`).toBe(
        true,
      );
    }
  });

  it("has no link through a table that its column does not reference", () => {
    for (const entry of PERSONAL_DATA) {
      for (const link of entry.links.filter((l) => l.through)) {
        expect(foreignKeys).toContainEqual(
          expect.objectContaining({ table: entry.table, column: link.column, target: link.through!.table, targetColumn: "id" }),
        );
      }
    }
  });

  it("is what docs/privacy.md says (run `npm run privacy:docs` after changing the registry)", () => {
    const committed = fs.readFileSync(new URL("../../docs/privacy.md", import.meta.url), "utf8");
    expect(committed).toBe(privacyDocument());
  });
});
