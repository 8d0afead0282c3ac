import type { Locator, Page } from "@playwright/test";
import { waitForReady } from "../ui";

/** The teacher's class discussion board: answers as cards per question, names switch, stars, projector. */
export class DiscussionBoard {
  readonly heading: Locator;
  /** "3 of 4 students have submitted. …" */
  readonly counts: Locator;
  readonly namesSwitch: Locator;
  /** Every name shown beside an answer (none while names are hidden). */
  readonly names: Locator;
  readonly projectorButton: Locator;
  readonly projector: Projector;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Class discussion" });
    this.counts = page.getByTestId("discussion-counts");
    this.namesSwitch = page.getByRole("main").getByRole("switch", { name: "Show names" });
    this.names = page.getByTestId("answer-name");
    this.projectorButton = page.getByRole("button", { name: "Projector mode" });
    this.projector = new Projector(page);
  }

  /** Opens the board and waits until it answers clicks (a click on a toggle before that is lost). */
  async open(url: string) {
    await this.page.goto(url);
    await waitForReady(this.page);
  }

  async reload() {
    await this.page.reload();
    await waitForReady(this.page);
  }

  /** Question n's part of the board (1-based). */
  question(n: number) {
    return this.page.getByRole("region", { name: `Question ${n}` });
  }

  /** The answer cards under question n. */
  cards(n: number) {
    return this.question(n).getByTestId("answer-card");
  }

  /** Every answer card on the board, whatever its question. */
  allCards() {
    return this.page.getByTestId("answer-card");
  }

  /** The texts of question n's answers, in the order the board shows them. */
  answerTexts(n: number) {
    return this.cards(n).locator("p").allTextContents();
  }

  /** The star button of a card; `number` is the answer's number under its question ("Star answer 2"). */
  star(card: Locator, number: number) {
    return card.getByRole("button", { name: `Star answer ${number}` });
  }

  starredOnly(count: number) {
    return this.page.getByRole("switch", { name: `Starred only (${count})` });
  }

  projectQuestion(n: number) {
    return this.page.getByRole("button", { name: `Project question ${n}` });
  }
}

/** The full-screen projector: one answer at a time. */
export class Projector {
  readonly dialog: Locator;
  readonly question: Locator;
  readonly answer: Locator;
  /** "n of m" within the question. */
  readonly position: Locator;
  readonly name: Locator;
  readonly namesSwitch: Locator;
  readonly star: Locator;
  readonly next: Locator;
  readonly previous: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Projector mode" });
    this.question = this.dialog.getByTestId("projector-question");
    this.answer = this.dialog.getByTestId("projector-answer");
    this.position = this.dialog.getByTestId("projector-position");
    this.name = this.dialog.getByTestId("projector-name");
    this.namesSwitch = this.dialog.getByRole("switch", { name: "Show names" });
    this.star = this.dialog.getByRole("button", { name: "Star this answer" });
    this.next = this.dialog.getByRole("button", { name: "Next" });
    this.previous = this.dialog.getByRole("button", { name: "Previous" });
  }
}
