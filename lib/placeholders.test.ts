import { describe, expect, it } from "vitest";
import { DEFAULT_ALIASES, DEFAULT_DATASET } from "./lesson/default-lesson";
import type { Dataset } from "./lesson/types";
import { buildResolver, checkCopy, renderCopy, renderCopyText, tokenize } from "./placeholders";

const data = structuredClone(DEFAULT_DATASET);
const sarah = data.rows[0]!.id;
const james = data.rows[1]!.id;
const text = (copy: string, row = sarah) => renderCopyText(copy, data, DEFAULT_ALIASES, row);

describe("tokenize", () => {
  it("splits text and placeholders, keeping positions", () => {
    expect(tokenize("Hi [Name]!")).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "placeholder", raw: "[Name]", inner: "Name", start: 3, end: 9 },
      { kind: "text", text: "!" },
    ]);
  });

  it("leaves unclosed brackets, empty brackets and line breaks inside brackets as text", () => {
    expect(tokenize("a [b").every((t) => t.kind === "text")).toBe(true);
    expect(tokenize("a [] b").every((t) => t.kind === "text")).toBe(true);
    expect(tokenize("[Na\nme]").every((t) => t.kind === "text")).toBe(true);
  });

  it("finds the placeholder inside doubled brackets", () => {
    expect(tokenize("[[Name]]").map((t) => (t.kind === "text" ? t.text : t.raw))).toEqual(["[", "[Name]", "]"]);
  });
});

describe("rendering for each customer", () => {
  it("fills every column by its exact name", () => {
    expect(text("Hi [Name]! You ordered with us [Number of Purchases] times this year.")).toBe(
      "Hi Sarah Johns! You ordered with us 156 times this year.",
    );
    expect(text("[Name]: [Most Ordered Drink]", james)).toBe("James Miller: Cappuccino");
  });

  it("forgives case and spacing", () => {
    expect(text("[ most   ordered DRINK ] / [total spend(usd)] / [NAME]")).toBe("Latte / 624 / Sarah Johns");
  });

  it("accepts aliases and the name without its (…) suffix", () => {
    expect(text("[Drink] [Spend] [Pastry] [Month] [Total Spend] [Earliest Order]")).toBe("Latte 624 Croissant October 624 7:15 AM");
  });

  it("marks unknown placeholders and keeps them as typed", () => {
    const segments = renderCopy("Hi [Nmae], [Name]", data, DEFAULT_ALIASES, sarah);
    expect(segments[1]).toEqual({ kind: "unknown", raw: "[Nmae]" });
    expect(text("Hi [Nmae]")).toBe("Hi [Nmae]");
  });

  it("flags empty values instead of inventing text", () => {
    const edited: Dataset = structuredClone(data);
    edited.rows[0]!.values.drink = "  ";
    const segments = renderCopy("[Drink]!", edited, DEFAULT_ALIASES, sarah);
    expect(segments[0]).toMatchObject({ kind: "value", columnId: "drink", text: "", empty: true });
    expect(renderCopyText("[Drink]!", edited, DEFAULT_ALIASES, sarah)).toBe("!");
  });

  it("follows a dataset the teacher edited: renamed and added columns, new customers", () => {
    const edited: Dataset = structuredClone(data);
    edited.columns.find((c) => c.id === "drink")!.name = "Signature Drink";
    edited.columns.push({ id: "fav_seat", name: "Favorite Seat" });
    edited.rows.push({ id: "new", values: { name: "Ana Lima", drink: "Flat White", fav_seat: "by the window" } });
    const render = (copy: string, row: string) => renderCopyText(copy, edited, DEFAULT_ALIASES, row);
    expect(render("[Signature Drink] at [favorite seat]", "new")).toBe("Flat White at by the window");
    // The built-in alias still points at the renamed column; the old full name no longer does.
    expect(render("[Drink]", "new")).toBe("Flat White");
    expect(renderCopy("[Most Ordered Drink]", edited, DEFAULT_ALIASES, "new")[0]).toMatchObject({ kind: "unknown" });
  });

  it("lets real column names win over aliases", () => {
    const edited: Dataset = structuredClone(data);
    edited.columns.push({ id: "month2", name: "Month" });
    edited.rows[0]!.values.month2 = "May";
    expect(buildResolver(edited, DEFAULT_ALIASES).get("month")).toBe("month2");
  });
});

describe("checkCopy", () => {
  it("lists unknown placeholders with their positions as errors", () => {
    const check = checkCopy("Hi [Name], [Coffee]!", data, DEFAULT_ALIASES, []);
    expect(check.unknown).toEqual([{ raw: "[Coffee]", start: 11, end: 19 }]);
  });

  it("names each unknown spelling once, however often it is typed (spacing and case aside)", () => {
    const check = checkCopy("Hi [Name]! You [Nmae] and [Nmae], [NMAE ], [Coffee]", data, DEFAULT_ALIASES, []);
    expect(check.unknown.map((u) => u.raw)).toEqual(["[Nmae]", "[Coffee]"]);
    expect(check.unknown[0]).toMatchObject({ start: 15 });
  });

  it("notices a bracket without its partner, which prints as typed; a clean placeholder is no stray", () => {
    for (const copy of ["Hi [Name], your [Most Ordered Pastry", "Hi [Name]] there", "Hi [Na\nme]", `Hi [${"x".repeat(61)}]`])
      expect(checkCopy(copy, data, DEFAULT_ALIASES, []).strayBracket, copy).toBe(true);
    expect(checkCopy("Hi [Name], your [Most Ordered Drink] and [Coffee]", data, DEFAULT_ALIASES, []).strayBracket).toBe(false);
  });

  it("warns when [Name] is missing and when a chosen datapoint is never used", () => {
    const check = checkCopy("You spent [Spend]!", data, DEFAULT_ALIASES, ["spend", "drink", "month"]);
    expect(check.missingName).toBe(true);
    expect(check.unusedPicks).toEqual(["drink", "month"]);
    expect(check.used).toEqual(["spend"]);
  });

  it("is clean when everything is used", () => {
    const check = checkCopy("[name]: [drink], [spend], [month]", data, DEFAULT_ALIASES, ["drink", "spend", "month"]);
    expect(check).toEqual({
      unknown: [],
      strayBracket: false,
      used: ["name", "drink", "spend", "month"],
      missingName: false,
      unusedPicks: [],
    });
  });
});
