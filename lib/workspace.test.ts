import { describe, expect, it } from "vitest";
import { SAMPLE_DRAFTS } from "../db/sample-work";
import { checkImage } from "./image-checks";
import { defaultLessonContent } from "./lesson/default-lesson";
import { DEFAULT_CARD } from "./studio/card";
import { cardText, drawnFrom } from "./studio/card-text";
import { isNotHandedIn } from "./grading-queue";
import { draftDifferences } from "./draft-differences";
import { assessWork } from "./assess-work";
import { assessSteps, hasAnyWork, isHandedIn, workStatus } from "./workspace";
import { emptyDraft } from "./validations/workspace";

const content = defaultLessonContent();
const graphic = [{ checks: checkImage(1080, 1350) }];
const designIssues = (draft: typeof SAMPLE_DRAFTS.complete) =>
  assessWork(draft, graphic, content).issues.filter((i) => i.step === "design");

describe("assessWork: graphics", () => {
  it("asks for a graphic when there is none, and says one is on its way while it uploads; the step is not done until it has arrived", () => {
    const none = assessWork(SAMPLE_DRAFTS.complete, [], content);
    expect(none.issues.filter((i) => i.step === "design")).toEqual([
      { step: "design", level: "missing", text: "Add at least one graphic: use your card from the studio, or upload one." },
    ]);
    const uploading = assessWork(SAMPLE_DRAFTS.complete, [], content, 1);
    expect(uploading.issues.filter((i) => i.step === "design")).toEqual([
      { step: "design", level: "missing", text: "Your graphic is still uploading: wait for it to finish." },
    ]);
    expect(uploading.done.design).toBe(false);
    expect(assessWork(SAMPLE_DRAFTS.complete, [], content, 2).issues.map((i) => i.text)).toContain(
      "Your graphics are still uploading: wait for them to finish.",
    );
    // With a graphic already there, another on its way changes nothing.
    expect(assessWork(SAMPLE_DRAFTS.complete, graphic, content, 1).issues.filter((i) => i.step === "design")).toEqual([]);
  });
});

describe("assessSteps: the workspace's tabs, without the card code", () => {
  it("leaves out only the warning of a studio picture out of date: the same done marks, the same other issues, in the same order", () => {
    const card = DEFAULT_CARD;
    const draft = { ...SAMPLE_DRAFTS.complete, card };
    const customerId = content.dataset.rows[0]!.id;
    // A picture drawn from other words than the card would draw now, on a landscape graphic.
    const stale = { customerId, drawn: drawnFrom(card, { ...cardText(card, draft, content, customerId), headline: "Old headline" }) };
    const images = [{ checks: checkImage(1600, 900), card: stale }];
    const full = assessWork(draft, images, content);
    const steps = assessSteps(draft, images, content);
    expect(full.issues.filter((i) => i.step === "design").map((i) => i.text)).toEqual([
      "Graphic 1 is landscape; square or vertical suits phones better.",
      "Graphic 1 shows your card as it was before your last changes.",
    ]);
    expect(steps.issues).toEqual(full.issues.filter((i) => !i.text.includes("as it was before your last changes")));
    expect(steps.done).toEqual(full.done);
    // Drawn from the card as it is, the picture is not out of date for either.
    const fresh = [
      { checks: checkImage(1080, 1350), card: { customerId, drawn: drawnFrom(card, cardText(card, draft, content, customerId)) } },
    ];
    expect(assessWork(draft, fresh, content).issues.filter((i) => i.step === "design")).toEqual([]);
  });
});

describe("assessWork: the card's headline", () => {
  it("passes placeholders that name a column, by name or alias, and a draft with no card", () => {
    expect(designIssues(SAMPLE_DRAFTS.complete)).toEqual([]);
    expect(designIssues({ ...SAMPLE_DRAFTS.complete, card: DEFAULT_CARD })).toEqual([]);
    const headline = "[Name], [Most Ordered Drink] all year";
    const progress = assessWork({ ...SAMPLE_DRAFTS.complete, card: { ...DEFAULT_CARD, headline } }, graphic, content);
    expect(progress.issues.filter((i) => i.step === "design")).toEqual([]);
    expect(progress.done.design).toBe(true);
  });

  it("stops the design step on a placeholder that matches no column, which the cards would print as it is", () => {
    const draft = { ...SAMPLE_DRAFTS.complete, card: { ...DEFAULT_CARD, headline: "[Name], your year in coffee [Oops]" } };
    const progress = assessWork(draft, graphic, content);
    expect(progress.issues.filter((i) => i.step === "design")).toEqual([
      { step: "design", level: "error", text: "[Oops] in your card's headline doesn't match any column of the table." },
    ]);
    expect(progress.done.design).toBe(false);
  });

  it("names a misspelt placeholder once however often it is typed, and warns of an unclosed bracket without stopping the step", () => {
    const copy = `${SAMPLE_DRAFTS.complete.copy} [Nmae] and [Nmae] again, and your [Most Ordered Pastry`;
    const progress = assessWork({ ...SAMPLE_DRAFTS.complete, copy }, graphic, content);
    expect(progress.issues.filter((i) => i.step === "copy")).toEqual([
      { step: "copy", level: "error", text: "[Nmae] doesn't match any column of the table." },
      { step: "copy", level: "warning", text: "A square bracket in the copy isn't part of a placeholder, so it prints as typed." },
    ]);
    // A warning alone leaves the step done.
    const unclosed = assessWork(
      { ...SAMPLE_DRAFTS.complete, copy: `${SAMPLE_DRAFTS.complete.copy} [Most Ordered Pastry` },
      graphic,
      content,
    );
    expect(unclosed.issues.filter((i) => i.step === "copy").map((i) => i.level)).toEqual(["warning"]);
    expect(unclosed.done.copy).toBe(true);
  });
});

describe("draftDifferences: what the conflict chooser shows", () => {
  const draft = SAMPLE_DRAFTS.complete;
  const q3 = content.questions[2]!.id;

  it("is empty when the two versions say the same", () => {
    expect(draftDifferences(draft, structuredClone(draft), content)).toEqual([]);
  });

  it("names only the parts that differ, with each version's words: here the third answer", () => {
    const theirs = { ...draft, answers: { ...draft.answers, [q3]: "Written in the other tab." } };
    expect(draftDifferences(draft, theirs, content)).toEqual([
      { part: "Answer 3", mine: draft.answers[q3]!.trim(), theirs: "Written in the other tab." },
    ]);
  });

  it("tells datapoints by name with their reasons, and cards apart even when only a size differs", () => {
    const mine = { ...draft, card: DEFAULT_CARD };
    const theirs = {
      ...draft,
      picks: draft.picks.map((p, i) => (i === 0 ? { ...p, reason: "Changed reason." } : p)),
      card: { ...DEFAULT_CARD, headlineSize: DEFAULT_CARD.headlineSize + 8 },
    };
    const differences = draftDifferences(mine, theirs, content);
    expect(differences.map((d) => d.part)).toEqual(["Datapoints", "Card"]);
    const first = content.dataset.columns.find((c) => c.id === draft.picks[0]!.columnId)!.name;
    expect(differences[0]!.theirs.startsWith(`${first}: Changed reason.`)).toBe(true);
    expect(differences[1]).toEqual({
      part: "Card",
      mine: `headline “${DEFAULT_CARD.headline}”, ${DEFAULT_CARD.theme} theme (its sizes, colours or layout differ)`,
      theirs: `headline “${DEFAULT_CARD.headline}”, ${DEFAULT_CARD.theme} theme (its sizes, colours or layout differ)`,
    });
  });
});

describe("workStatus of reopened work", () => {
  const work = (attemptCount: number, reopenedAttempt: number | null, returned = false) => ({
    submittedAt: new Date("2026-11-18T09:00:00.000Z"),
    late: true,
    returnedAt: returned ? new Date("2026-11-22T09:00:00.000Z") : null,
    attemptCount,
    reopenedAttempt,
  });

  it("is Reopened while the attempt the teacher reopened is still the last one, excused or not", () => {
    expect(workStatus(work(2, 2))).toBe("reopened");
    expect(workStatus(work(2, 2), true)).toBe("reopened");
  });

  it("is the hand-in's own status once handed in again, Returned once returned again, and unchanged for work never reopened", () => {
    expect(workStatus(work(3, 2))).toBe("submitted_late");
    expect(workStatus(work(3, 2, true))).toBe("returned");
    expect(workStatus(work(2, 2, true))).toBe("returned"); // returned again without a new hand-in
    expect(workStatus(work(2, null))).toBe("submitted_late");
    expect(workStatus(null)).toBe("not_started");
  });
});

describe("what counts as handed in", () => {
  const at = new Date("2026-11-18T09:00:00.000Z");
  const shapes = [
    null,
    ...[null, at].flatMap((submittedAt) =>
      [null, at].flatMap((returnedAt) =>
        [false, true].flatMap((late) =>
          [null, 1, 2].map((reopenedAttempt) => ({ submittedAt, returnedAt, late, attemptCount: submittedAt ? 2 : 0, reopenedAttempt })),
        ),
      ),
    ),
  ];

  it("is read back alike from every status: excusable exactly when nothing is submitted or returned, excused or not", () => {
    for (const work of shapes)
      for (const excused of [false, true]) {
        const status = workStatus(work, excused);
        expect(isNotHandedIn(status), `${JSON.stringify(work)} excused=${excused} → ${status}`).toBe(!isHandedIn(work));
        expect(status === "excused").toBe(excused && !isHandedIn(work));
      }
    expect(isHandedIn({ submittedAt: null, returnedAt: at })).toBe(true);
    expect(isHandedIn({ submittedAt: null, returnedAt: null })).toBe(false);
  });
});

describe("hasAnyWork", () => {
  it("finds nothing in a draft emptied again: blank ideas, answers and copy, no graphic", () => {
    expect(hasAnyWork(emptyDraft(), 0)).toBe(false);
    expect(hasAnyWork({ ...emptyDraft(), copy: " \n", ideas: [{ id: "i1", text: "  " }], answers: { q1: "" } }, 0)).toBe(false);
  });

  it("finds anything the student made: a word anywhere, a datapoint, a card or a graphic", () => {
    const empty = emptyDraft();
    expect(hasAnyWork({ ...empty, ideas: [{ id: "i1", text: "their go-to drink" }] }, 0)).toBe(true);
    expect(hasAnyWork({ ...empty, picks: [{ columnId: "most_ordered_drink", reason: "" }] }, 0)).toBe(true);
    expect(hasAnyWork({ ...empty, copy: "Hi [Name]" }, 0)).toBe(true);
    expect(hasAnyWork({ ...empty, answers: { q2: "It felt personal." } }, 0)).toBe(true);
    expect(hasAnyWork({ ...empty, card: DEFAULT_CARD }, 0)).toBe(true);
    expect(hasAnyWork(empty, 1)).toBe(true);
    expect(hasAnyWork(SAMPLE_DRAFTS.complete, 0)).toBe(true);
  });
});
