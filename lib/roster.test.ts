import { describe, expect, it } from "vitest";
import { FieldError } from "./errors";
import { NAME_MAX } from "./validations/auth";
import { ROSTER_MAX_COLUMNS, rosterImportSchema } from "./validations/roster";
import {
  detectDelimiter,
  duplicateOf,
  generateOneTimePassword,
  guessMapping,
  readRoster,
  readRosterInput,
  readTable,
  ROSTER_MAX_ROWS,
  ROSTER_PROBLEMS,
} from "./roster";

const read = (text: string) => readRosterInput({ text });

describe("reading a roster file", () => {
  it("reads a CSV with a header, in any column order", () => {
    const { mapping, lines, columns } = read("Email,Student name\nada@school.org,Ada Okafor\nli@school.org,Li Wei\n");
    expect(mapping).toEqual({ hasHeader: true, email: 0, name: 1, first: null, last: null });
    expect(columns).toEqual(["Email (column 1)", "Student name (column 2)"]);
    expect(lines).toEqual([
      { line: 2, name: "Ada Okafor", email: "ada@school.org", problem: null },
      { line: 3, name: "Li Wei", email: "li@school.org", problem: null },
    ]);
  });

  it("reads a list without a header, guessing the email column from the cells", () => {
    const { mapping, lines } = read("Ada Okafor, ADA@School.org\nLi Wei, li@school.org");
    expect(mapping).toMatchObject({ hasHeader: false, email: 1, name: 0 });
    expect(lines.map((l) => [l.line, l.name, l.email])).toEqual([
      [1, "Ada Okafor", "ada@school.org"],
      [2, "Li Wei", "li@school.org"],
    ]);
  });

  it("takes first and last name columns, from a header or from two name columns without one", () => {
    const withHeader = read("Last name,First name,Email\nOkafor,Ada,ada@school.org");
    expect(withHeader.mapping).toEqual({ hasHeader: true, email: 2, name: null, first: 1, last: 0 });
    expect(withHeader.lines[0]!.name).toBe("Ada Okafor");
    const bare = read("Ada,Okafor,ada@school.org");
    expect(bare.mapping).toEqual({ hasHeader: false, email: 2, name: null, first: 0, last: 1 });
    expect(bare.lines[0]!.name).toBe("Ada Okafor");
  });

  it("turns a single 'Last, First' name into 'First Last', as school systems export it", () => {
    const { lines } = read('Name,Email\n"Okafor, Ada",ada@school.org\n"Hernández García, José Luis",jl@school.org');
    expect(lines.map((l) => l.name)).toEqual(["Ada Okafor", "José Luis Hernández García"]);
  });

  it("understands a spreadsheet paste (tabs) and a European Excel export (semicolons)", () => {
    expect(detectDelimiter("Name\tEmail\nAda, Okafor\tada@school.org")).toBe("\t");
    expect(read("Name\tEmail\nAda Okafor\tada@school.org").lines[0]).toMatchObject({ name: "Ada Okafor", email: "ada@school.org" });
    expect(detectDelimiter("Nom;Courriel\nAda;ada@ecole.fr")).toBe(";");
    expect(read("Nom;Courriel\nZoé Lefèvre;zoe@ecole.fr").lines[0]).toMatchObject({ name: "Zoé Lefèvre", email: "zoe@ecole.fr" });
  });

  it("reads a spreadsheet paste with a cell that begins with a quotation mark, a nickname say, as text", () => {
    const text = 'Last Name\tFirst Name\tEmail\nWei\t"Li" (Lily)\tli.wei@school.org\nOkafor\tAda\tada@school.org';
    const { lines } = read(text);
    expect(lines.map((l) => [l.name, l.email, l.problem])).toEqual([
      ['"Li" (Lily) Wei', "li.wei@school.org", null],
      ["Ada Okafor", "ada@school.org", null],
    ]);
  });

  it("takes the address out of a mail program's copy (Name <address>, a list's trailing semicolon)", () => {
    const { lines } = read("Name\tEmail\nLi Wei\tLi Wei <Li.Wei@school.org>\nAda Okafor\tada@school.org;\nBo\tnot an address");
    expect(lines.map((l) => [l.email, l.problem])).toEqual([
      ["li.wei@school.org", null],
      ["ada@school.org", null],
      ["not an address", ROSTER_PROBLEMS.badEmail],
    ]);
  });

  it("flags, rather than picks from, a cell with two addresses, and never keeps an address with a semicolon inside its brackets", () => {
    const { lines } = read(
      "Name\tEmail\nAnn\tAnn <ann@x.org>, Bo <bo@x.org>\nAnn\tann@x.org <bo@x.org>\nLi\tLi <li@school.org;>\nCy\tcy@school.org",
    );
    expect(lines.map((l) => [l.email, l.problem])).toEqual([
      ["ann <ann@x.org>, bo <bo@x.org>", ROSTER_PROBLEMS.badEmail],
      ["ann@x.org <bo@x.org>", ROSTER_PROBLEMS.badEmail],
      ["li <li@school.org;>", ROSTER_PROBLEMS.badEmail],
      ["cy@school.org", null],
    ]);
  });

  it("keeps every row of a spreadsheet paste whose quotation marks would join rows as CSV quoting", () => {
    const { lines } = read('Name\tEmail\n"Li\tli@x.org\nAda Ace"\tada@x.org\nBo\tbo@x.org');
    expect(lines.map((l) => [l.name, l.email, l.problem])).toEqual([
      ['"Li', "li@x.org", null],
      ['Ada Ace"', "ada@x.org", null],
      ["Bo", "bo@x.org", null],
    ]);
  });

  it("keeps quotes, line breaks, emoji and right-to-left names; drops a BOM and blank lines", () => {
    const text = '\uFEFFName,Email\n\n"Ada ""Dee"" Okafor",ada@school.org\n"Mia\nRose",mia@school.org\nنور 🌟,noor@school.org\n\n';
    const { lines } = read(text);
    expect(lines.map((l) => l.name)).toEqual(['Ada "Dee" Okafor', "Mia Rose", "نور 🌟"]);
    expect(lines.map((l) => l.email)).toEqual(["ada@school.org", "mia@school.org", "noor@school.org"]);
  });

  it("marks every bad row with its line and reason, and keeps the good ones", () => {
    const long = "x".repeat(NAME_MAX + 1);
    const { lines } = read(
      [
        "Name,Email",
        "Ada Okafor,ada@school.org",
        "No Address,",
        "Bad Address,not-an-email",
        ",nameless@school.org",
        `${long},long@school.org`,
        "Ada Again,ADA@school.org",
        "Li Wei,li@school.org",
        // A whole legal name, 89 characters, as a school's records have it.
        "Maria Guadalupe Alejandra Esperanza de los Santos Villanueva-Hernández y Castillo-Ramírez,maria@school.org",
        // 255 characters: a valid address, but longer than sign-in takes; 254 is the longest it does.
        `Too Long,${"a".repeat(60)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(7)}.org`,
        `Just Fits,${"a".repeat(60)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(6)}.org`,
      ].join("\n"),
    );
    expect(lines.map((l) => [l.line, l.problem])).toEqual([
      [2, null],
      [3, ROSTER_PROBLEMS.noEmail],
      [4, ROSTER_PROBLEMS.badEmail],
      [5, ROSTER_PROBLEMS.noName],
      [6, ROSTER_PROBLEMS.longName],
      [7, duplicateOf(2)],
      [8, null],
      [9, null],
      [10, ROSTER_PROBLEMS.longEmail],
      [11, null],
    ]);
  });

  it("applies the teacher's own mapping over the guess", () => {
    const table = readTable("a@school.org,Ada,Okafor\nb@school.org,Ben,Ito");
    expect(guessMapping(table)).toEqual({ hasHeader: false, email: 0, name: null, first: 1, last: 2 });
    const single = readRoster(table, { hasHeader: false, email: 0, name: 2, first: null, last: null });
    expect(single.map((l) => l.name)).toEqual(["Okafor", "Ito"]);
    const headerOn = readRoster(table, { hasHeader: true, email: 0, name: 1, first: null, last: null });
    expect(headerOn.map((l) => l.line)).toEqual([2]);
  });

  it("refuses unreadable text, a header alone and too many rows as errors on the text field", () => {
    const fieldError = (text: string) => {
      try {
        read(text);
      } catch (error) {
        expect(error).toBeInstanceOf(FieldError);
        return (error as FieldError).fieldErrors.text?.[0];
      }
      throw new Error("expected a FieldError");
    };
    expect(fieldError('Name,Email\n"Ada,ada@school.org\nLi,li@school.org')).toMatch(/quotation mark/);
    expect(fieldError("Name,Email")).toMatch(/only a header/);
    const many = Array.from({ length: ROSTER_MAX_ROWS + 1 }, (_, i) => `Student ${i},s${i}@school.org`).join("\n");
    expect(fieldError(many)).toMatch(/at most 1000/);
  });

  it("keeps a first row with a mistyped address as a student to fix, not a header", () => {
    const typo = read("Ada Okafor, ada.okafor@school\nLi Wei, li.wei@school.org\nSam Park, sam.park@school.org");
    expect(typo.mapping).toMatchObject({ hasHeader: false, email: 1, name: 0 });
    expect(typo.lines.map((l) => [l.line, l.name, l.problem])).toEqual([
      [1, "Ada Okafor", ROSTER_PROBLEMS.badEmail],
      [2, "Li Wei", null],
      [3, "Sam Park", null],
    ]);
    // No address at all where the others have theirs: a student too, not a column title.
    const missing = read("Ada Okafor,\nLi Wei,li.wei@school.org");
    expect(missing.mapping.hasHeader).toBe(false);
    expect(missing.lines.map((l) => [l.line, l.problem])).toEqual([
      [1, ROSTER_PROBLEMS.noEmail],
      [2, null],
    ]);
  });

  it("still takes column titles as a header, in the usual words, a school system's own, or above bad addresses", () => {
    expect(read("Name,Email\nAda Okafor,ada@school.org").mapping.hasHeader).toBe(true);
    expect(read("First name;Last name;E-mail\nAda;Okafor;ada@school.org").mapping).toEqual({
      hasHeader: true,
      email: 2,
      name: null,
      first: 0,
      last: 1,
    });
    expect(read("Élève,Courriel\nAda Okafor,ada@ecole.fr").mapping).toMatchObject({ hasHeader: true, email: 1, name: 0 });
    const allBad = read("Name,Email\nAda Okafor,ada.okafor@school");
    expect(allBad.mapping.hasHeader).toBe(true);
    expect(allBad.lines).toEqual([{ line: 2, name: "Ada Okafor", email: "ada.okafor@school", problem: ROSTER_PROBLEMS.badEmail }]);
  });

  it("reads a semicolon export whose names hold unquoted commas, as Excel writes them in Europe", () => {
    const text = "Müller, Anna;anna.mueller@schule.de\nSchmidt, Jonas;jonas.schmidt@schule.de\nÖzdemir, Elif;elif.oezdemir@schule.de";
    expect(detectDelimiter(text)).toBe(";");
    expect(read(text).lines.map((l) => [l.name, l.email, l.problem])).toEqual([
      ["Anna Müller", "anna.mueller@schule.de", null],
      ["Jonas Schmidt", "jonas.schmidt@schule.de", null],
      ["Elif Özdemir", "elif.oezdemir@schule.de", null],
    ]);
    // Even with every address mistyped, the semicolons split each line the same way: the names stay whole.
    expect(detectDelimiter("Müller, Anna;anna.mueller@schule\nSchmidt, Jonas;jonas.schmidt@schule")).toBe(";");
  });

  it("keeps commas as the delimiter when they are the ones that find the addresses", () => {
    expect(detectDelimiter("Ada Okafor,ada@school.org\nLi Wei,li@school.org")).toBe(",");
    expect(detectDelimiter('Name,Email\n"Okafor, Ada",ada@school.org\n"Li; Wei",li@school.org')).toBe(",");
    const notes = read("Name,Email,Notes\nAda Okafor,ada@school.org,needs a laptop; mornings only\nLi Wei,li@school.org,");
    expect(notes.mapping).toMatchObject({ hasHeader: true, email: 1, name: 0 });
    expect(notes.lines.map((l) => l.email)).toEqual(["ada@school.org", "li@school.org"]);
    expect(detectDelimiter("Okafor, Ada\tada@school.org\nWei, Li\tli@school.org")).toBe("\t");
  });

  it("finds the address in a wide school-system export, within the columns the import accepts", () => {
    const titles = [...Array.from({ length: 55 }, (_, i) => `Field ${i + 1}`), "Email"];
    const row = [...Array.from({ length: 55 }, (_, i) => (i === 1 ? "Ada Okafor" : `x${i}`)), "ada@school.org"];
    const wide = read([titles, row].map((cells) => cells.join(",")).join("\n"));
    expect(wide.mapping.email).toBe(55);
    expect(wide.lines[0]).toMatchObject({ email: "ada@school.org", problem: null });
    expect(rosterImportSchema.safeParse({ sectionId: crypto.randomUUID(), text: "x", mapping: wide.mapping }).success).toBe(true);

    // Past the last usable column, the guess and the column choices stop where the schema does.
    const tooWide = read(
      [
        ["Name", ...Array.from({ length: ROSTER_MAX_COLUMNS + 9 }, (_, i) => `Field ${i + 2}`), "Email"],
        ["Ada Okafor", ...Array.from({ length: ROSTER_MAX_COLUMNS + 9 }, () => ""), "ada@school.org"],
      ]
        .map((cells) => cells.join(","))
        .join("\n"),
    );
    expect(tooWide.columns).toHaveLength(ROSTER_MAX_COLUMNS);
    expect(Math.max(tooWide.mapping.email, tooWide.mapping.name ?? 0)).toBeLessThan(ROSTER_MAX_COLUMNS);
    expect(rosterImportSchema.safeParse({ sectionId: crypto.randomUUID(), text: "x", mapping: tooWide.mapping }).success).toBe(true);
  });

  it("reads back the app's own roster export", () => {
    const exported =
      "\uFEFFLast name,First name,Email,Status,Joined at (UTC),Removed at (UTC),Has signed in\r\nOkafor,Ada,ada@school.org,Enrolled,2026-09-01T12:00:00.000Z,,yes\r\n";
    const { mapping, lines } = read(exported);
    expect(mapping).toMatchObject({ hasHeader: true, email: 2, first: 1, last: 0 });
    expect(lines).toEqual([{ line: 2, name: "Ada Okafor", email: "ada@school.org", problem: null }]);
  });
});

describe("one-time passwords", () => {
  it("are three groups of four characters without look-alikes, and differ each time", () => {
    const passwords = new Set(Array.from({ length: 200 }, generateOneTimePassword));
    expect(passwords.size).toBe(200);
    for (const password of passwords) expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  });
});
