import type { Locator, Page } from "@playwright/test";
import { DEFAULT_RUBRIC } from "../../../lib/lesson/default-lesson";
import { waitForReady } from "../ui";

/** A criterion's title in the built-in rubric ("design" → "Design"). */
const criterionTitle = (id: string) => DEFAULT_RUBRIC.criteria.find((c) => c.id === id)!.title;

/** The page's own header (name or "Student N", status badge, position), not the site banner. */
const pageHeader = (page: Page) => page.getByRole("main").locator("header");

/** The submissions overview of one assignment (/sections/<id>/assignments/<id>): a row per student. */
export class SubmissionsTable {
  readonly rows: Locator;
  readonly studentLinks: Locator;
  readonly startGrading: Locator;
  readonly nextUngraded: Locator;
  readonly anonymous: Locator;
  /** The question "Return all graded" asks before it returns anything. */
  readonly confirmReturn: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId("submission-row");
    this.studentLinks = this.rows.getByRole("link");
    this.startGrading = page.getByRole("link", { name: "Start grading" });
    this.nextUngraded = page.getByRole("link", { name: "Next ungraded" });
    this.anonymous = page.getByRole("checkbox", { name: "Hide student names (anonymous grading)" });
    this.confirmReturn = page.getByRole("group", { name: /will see their scores and feedback/ });
  }

  async open(url: string) {
    await this.page.goto(url);
    await this.ready();
  }

  /** Waits until the table answers clicks and keys (a click or Enter before that does nothing). */
  ready() {
    return waitForReady(this.page);
  }

  row(studentName: string) {
    return this.rows.filter({ hasText: studentName });
  }

  returnAll(count: number) {
    return this.page.getByRole("button", { name: `Return all graded (${count})` });
  }

  confirmReturnButton(count: number) {
    return this.confirmReturn.getByRole("button", { name: `Return ${count} submission${count === 1 ? "" : "s"}` });
  }

  /** [label, student id] of each row, in the table's order. */
  async labelsAndIds() {
    return Promise.all(
      (await this.studentLinks.all()).map(
        async (link) =>
          [await link.textContent(), new URL((await link.getAttribute("href"))!, "http://x").pathname.split("/").pop()] as const,
      ),
    );
  }
}

/** The grading view of one student's work (…/grade/<studentId>). */
export class GradingView {
  readonly header: Locator;
  readonly student: Locator;
  readonly position: Locator;
  readonly total: Locator;
  readonly saveStatus: Locator;
  readonly nextUngraded: Locator;
  readonly previous: Locator;
  readonly next: Locator;
  readonly returnToStudent: Locator;
  readonly reopen: Locator;
  readonly shortcutsButton: Locator;
  readonly shortcuts: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.header = pageHeader(page);
    this.student = page.getByTestId("grading-student");
    this.position = page.getByTestId("grading-position");
    this.total = page.getByTestId("grade-total");
    this.saveStatus = page.getByTestId("grade-save-status");
    this.nextUngraded = page.getByRole("link", { name: "Next ungraded (N)" });
    this.previous = page.getByRole("button", { name: "← Previous" });
    this.next = page.getByRole("button", { name: "Next →" });
    this.returnToStudent = page.getByRole("button", { name: "Return to student" });
    this.reopen = page.getByRole("button", { name: "Reopen for resubmission" });
    this.shortcutsButton = page.getByRole("button", { name: "Shortcuts (?)" });
    this.shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    this.history = page.getByTestId("grade-history");
  }

  async open(url: string) {
    await this.page.goto(url);
    await this.ready();
  }

  async reload() {
    await this.page.reload();
    await this.ready();
  }

  /** Waits until the view answers clicks and keys (keys pressed before it hydrates are lost). */
  ready() {
    return waitForReady(this.page);
  }

  status(text: string) {
    return this.header.getByText(text, { exact: true });
  }

  criterion(id: string) {
    return this.page.getByTestId(`criterion-${id}`);
  }

  /** The radio for a criterion's level, by its points. */
  level(id: string, points: number) {
    return this.page
      .getByRole("radiogroup", { name: `${criterionTitle(id)} level` })
      .getByRole("radio", { name: new RegExp(`^${points} ·`) });
  }

  comment(id: string) {
    return this.page.getByRole("textbox", { name: `Comment on ${criterionTitle(id)}` });
  }

  /** The conflict box under a criterion, when another tab saved first. */
  conflict(id: string) {
    return this.criterion(id).getByTestId("grade-conflict");
  }

  /** A criterion's "Comment bank (n)" button. */
  bankButton(id: string, count: number) {
    return this.criterion(id).getByRole("button", { name: `Comment bank (${count})` });
  }

  saveToBank(id: string) {
    return this.criterion(id).getByRole("button", { name: "Save comment to bank" });
  }

  /** A criterion's open comment bank. */
  bank(id: string) {
    return this.page.getByRole("list", { name: `${criterionTitle(id)} comment bank` });
  }

  async openHistory(count: number) {
    await this.page.getByText(`Grade history (${count})`).click();
  }
}
