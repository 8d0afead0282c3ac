import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { attachmentHeader, csvStream, safeCell, splitName, type Cell } from "./csv";

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

const roundTrip = async (rows: Cell[][]) => parse(await text(csvStream(null, rows)), { bom: true }) as string[][];

describe("safeCell (CSV injection)", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ["+1+1", "'+1+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tleading tab", "'\tleading tab"],
    ["\rleading CR", "'\rleading CR"],
    ["\nleading LF", "'\nleading LF"],
    ["\0nul", "'\0nul"],
  ])("neutralizes %j", (input, expected) => {
    expect(safeCell(input)).toBe(expected);
  });

  it("leaves ordinary text and computed numbers alone", () => {
    expect(safeCell("Sarah Kim")).toBe("Sarah Kim");
    expect(safeCell("a=b")).toBe("a=b");
    expect(safeCell(-2)).toBe(-2);
    expect(safeCell(null)).toBe("");
  });

  it("quotes every neutralized cell in the file, and keeps numbers unquoted", async () => {
    const csv = await text(csvStream(["name", "total"], [["=1+1", 11], ["-2", -2]]));
    expect(csv).toBe(`name,total\r\n"'=1+1",11\r\n"'-2",-2\r\n`);
  });
});

describe("csvStream", () => {
  it("round-trips commas, quotes, line breaks, emoji and right-to-left text", async () => {
    const tricky: Cell[][] = [
      ["O'Brien, Emma", 'She said "wow"', "line one\nline two"],
      ["Zoë 😀 Ñandú", "مرحبا بالعالم", "שלום"],
      ["", "  spaced  ", 12.5],
    ];
    expect(await roundTrip(tricky)).toEqual(tricky.map((row) => row.map((c) => String(c))));
  });

  it("writes a UTF-8 BOM only when asked", async () => {
    const withBom = new Uint8Array(await new Response(csvStream(["é"], [], { bom: true })).arrayBuffer());
    expect([...withBom.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const without = new Uint8Array(await new Response(csvStream(["é"], [])).arrayBuffer());
    expect(without[0]).not.toBe(0xef);
  });

  it("pulls rows lazily from the iterable", async () => {
    let produced = 0;
    function* rows() {
      for (let i = 0; i < 5; i++) {
        produced++;
        yield [i];
      }
    }
    const stream = csvStream(null, rows());
    expect(produced).toBe(0);
    expect(await text(stream)).toBe("0\r\n1\r\n2\r\n3\r\n4\r\n");
    expect(produced).toBe(5);
  });
});

describe("helpers", () => {
  it("splits names into first and last", () => {
    expect(splitName("Diego Hernández")).toEqual({ first: "Diego", last: "Hernández" });
    expect(splitName("  Mary Ann  Lee ")).toEqual({ first: "Mary Ann", last: "Lee" });
    expect(splitName("Cher")).toEqual({ first: "", last: "Cher" });
  });

  it("makes safe attachment file names", () => {
    expect(attachmentHeader("Period 3 — Marketing · Year in Review")).toBe(
      `attachment; filename="period-3-marketing-year-in-review.csv"; filename*=UTF-8''Period%203%20%E2%80%94%20Marketing%20%C2%B7%20Year%20in%20Review.csv`,
    );
  });
});
