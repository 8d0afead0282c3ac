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

  it.each([
    ["Bob ;=4+4", "Bob ;'=4+4"],
    ["Period 4;=SUM(1+1)", "Period 4;'=SUM(1+1)"],
    ["great\t=1+1", "great\t'=1+1"],
    ["a,+1", "a,'+1"],
    ['x;"=1"', `x;"'=1"`],
    ["first\r\n@SUM(A1)", "first\r\n'@SUM(A1)"],
    ["Tips:\n- bigger text\n- fewer words", "Tips:\n'- bigger text\n'- fewer words"],
    [";\t=1", ";'\t'=1"],
  ])("neutralizes %j where a reader could cut the cell", (input, expected) => {
    expect(safeCell(input)).toBe(expected);
  });

  it("leaves separators followed by ordinary text, and empty lines, alone", () => {
    expect(safeCell("O'Brien, Emma; see me")).toBe("O'Brien, Emma; see me");
    expect(safeCell("Well done!\n\nSee me.")).toBe("Well done!\n\nSee me.");
    expect(safeCell("Score: 3-1, a+b")).toBe("Score: 3-1, a+b");
  });

  it("quotes every text cell in the file, leaves empty cells bare and numbers unquoted", async () => {
    const csv = await text(
      csvStream(
        ["name", "total"],
        [
          ["=1+1", 11],
          ["-2", -2],
          ["Ann", null],
          ["", 0],
        ],
      ),
    );
    expect(csv).toBe(`"name","total"\r\n"'=1+1",11\r\n"'-2",-2\r\n"Ann",\r\n,0\r\n`);
  });

  it("no cell of any file starts a formula, whether a reader splits on commas, semicolons or tabs", async () => {
    // A fixed pseudo-random sequence: the same thousand files on every run.
    let seed = 20261122;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n", ",", ";", '"', "'", " ", "a", "1", "\0"];
    const hostile = (length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
    let skipped = 0;
    for (let file = 0; file < 1000; file++) {
      const csv = await text(
        csvStream(
          ["h1", "h2", "h3"],
          [
            [hostile(6), hostile(6), 3],
            [4, hostile(8), hostile(5)],
          ],
        ),
      );
      for (const delimiter of [",", ";", "\t"]) {
        // Relaxed quotes end a cell's quoting at its first lone quote, as some readers set to another
        // separator do; quote: false is a reader that ignores quotes altogether.
        for (const quote of ['"', false] as const) {
          let cells: string[];
          try {
            cells = (
              parse(csv, {
                delimiter,
                quote,
                relax_quotes: delimiter !== ",",
                relax_column_count: true,
                record_delimiter: "\r\n",
              }) as string[][]
            ).flat();
          } catch {
            skipped++; // random quotes can leave csv-parse with a cell it never sees closed
            continue;
          }
          // An empty line inside a cell is kept as it is; what follows it is neutralized on its own.
          const live = cells.filter((cell) => /^[\r\n]*[=+\-@\t\0]/.test(cell) && !/^\d+$/.test(cell));
          expect(live, JSON.stringify(csv)).toEqual([]);
        }
      }
    }
    expect(skipped, "files csv-parse could not read at all").toBeLessThan(600);
    // A thousand files, each parsed three ways: about 7.5 s of CPU on a busy 2-core machine.
  }, 60_000);
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

describe("csvStream of an async iterable (rows streamed from the database)", () => {
  it("pulls rows lazily, a batch at a time", async () => {
    let produced = 0;
    async function* rows() {
      for (let i = 0; i < 2500; i++) {
        produced++;
        yield [i];
      }
    }
    const reader = csvStream(["n"], rows()).getReader();
    expect(produced).toBe(0);
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.startsWith('"n"\r\n0\r\n1\r\n')).toBe(true);
    expect(produced).toBeLessThan(2500);
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect((first + rest).split("\r\n")).toHaveLength(2502);
    expect(produced).toBe(2500);
  });

  it("ends the iterable when the download is cancelled, so it can give back what it holds", async () => {
    let released = false;
    async function* rows() {
      try {
        for (let i = 0; ; i++) yield [i];
      } finally {
        released = true;
      }
    }
    const reader = csvStream(null, rows()).getReader();
    await reader.read();
    expect(released).toBe(false);
    await reader.cancel();
    expect(released).toBe(true);
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

  it("names other downloads with their extension, and a fallback when no ASCII is left", () => {
    expect(attachmentHeader("recap-data Zoë Ávila 2026-12-02", "zip", "recap-data")).toBe(
      `attachment; filename="recap-data-zoe-avila-2026-12-02.zip"; filename*=UTF-8''recap-data%20Zo%C3%AB%20%C3%81vila%202026-12-02.zip`,
    );
    expect(attachmentHeader("李明", "zip", "recap-data")).toMatch(/^attachment; filename="recap-data\.zip"; /);
  });

  it("percent-encodes what RFC 8187 leaves out of an exact name: ' ( ) *", () => {
    expect(attachmentHeader("O'Hara (canvas, returned only) *")).toBe(
      `attachment; filename="o-hara-canvas-returned-only.csv"; filename*=UTF-8''O%27Hara%20%28canvas%2C%20returned%20only%29%20%2A.csv`,
    );
  });
});
