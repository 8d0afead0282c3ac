import type { Locator, Page } from "@playwright/test";
import { DEFAULT_RUBRIC } from "../../../lib/lesson/default-lesson";
import { REVIEW_TAB, STEPS as APP_STEPS } from "../../../lib/workspace";
import { waitForReady } from "../ui";

/** The four steps, in order; then comes "Review & submit". */
export const STEPS = ["Ideation", "Copywriting", "Design", "Reflection"] as const;
export type Step = (typeof STEPS)[number] | "Review & submit";

/** What a phone shows on each step's tab (and names it by), where the titles would not fit. */
const PHONE_LABELS = Object.fromEntries([...APP_STEPS, REVIEW_TAB].map((t) => [t.title, t.short])) as Record<Step, string>;

/** What a student sees at /assignments/<id>: the four steps, review and submit, and returned feedback. */
export class StudentWorkspace {
  /** The page's own header (title and status badge), not the site banner. */
  readonly header: Locator;
  readonly timeLeft: Locator;
  readonly saveStatus: Locator;
  readonly readOnlyReason: Locator;
  /** The other version, when a save from elsewhere got in first. */
  readonly conflict: Locator;
  readonly gradingGuide: Locator;

  // Ideation
  readonly newIdea: Locator;
  readonly picks: Locator;
  // Copywriting
  readonly copy: Locator;
  readonly copyIssues: Locator;
  readonly placeholders: Locator;
  readonly preview: Locator;
  // Design
  readonly imageInput: Locator;
  readonly uploadedImages: Locator;
  readonly uploads: Locator;
  readonly chooseImages: Locator;
  readonly phonePreview: Locator;
  // Review & submit
  readonly reviewIssues: Locator;
  readonly submitAnyway: Locator;
  readonly attemptList: Locator;
  readonly attempts: Locator;
  // Returned work
  readonly feedback: Locator;
  readonly feedbackTotal: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole("main").locator("header");
    this.timeLeft = page.getByTestId("time-left");
    this.saveStatus = page.getByTestId("save-status");
    this.readOnlyReason = page.getByTestId("read-only-reason");
    this.conflict = page.getByTestId("conflict");
    this.gradingGuide = page.locator("details").filter({ hasText: "How your work will be graded" });
    this.newIdea = page.getByLabel("New idea");
    this.picks = page.getByRole("group", { name: "Choose three datapoints" });
    this.copy = page.getByLabel("Your copy");
    this.copyIssues = page.getByTestId("copy-issues");
    this.placeholders = page.getByRole("group", { name: "Insert a placeholder" });
    this.preview = page.getByRole("region", { name: "Preview for each customer" });
    this.imageInput = page.getByTestId("image-input");
    this.uploadedImages = page.getByTestId("uploaded-image");
    this.uploads = page.getByRole("list", { name: "Uploads" });
    this.chooseImages = page.getByRole("button", { name: "Choose images" });
    this.phonePreview = page.getByRole("figure", { name: "Phone preview" });
    this.reviewIssues = page.getByTestId("review-issues");
    this.submitAnyway = page.getByRole("checkbox", { name: "Some parts are missing. Submit anyway." });
    this.attemptList = page.getByTestId("attempt-list");
    this.attempts = this.attemptList.getByRole("listitem");
    this.feedback = page.getByTestId("feedback");
    this.feedbackTotal = page.getByTestId("feedback-total");
  }

  /** Opens the assignment and waits until the workspace answers clicks and keys. */
  async open(assignmentId: string) {
    await this.page.goto(`/assignments/${assignmentId}`);
    await waitForReady(this.page);
  }

  async reload() {
    await this.page.reload();
    await waitForReady(this.page);
  }

  /**
   * A step's tab, named by its title, or on a phone by the short label it shows there; the name says
   * whether the step is done ("Ideation (done)", "Ideas (done)").
   */
  stepTab(step: Step) {
    const name = new RegExp(`^(${step}|${PHONE_LABELS[step]})(?= |$)`);
    return this.page.getByRole("tablist", { name: "Steps" }).getByRole("tab", { name });
  }

  /** Opens a step's tab by clicking it, or by tapping it on a touch screen. */
  async goTo(step: Step, { tap = false } = {}) {
    await (tap ? this.stepTab(step).tap() : this.stepTab(step).click());
  }

  status(text: string) {
    return this.header.getByText(text, { exact: true });
  }

  idea(n: number) {
    return this.page.getByRole("textbox", { name: `Idea ${n}`, exact: true });
  }

  /** Read-only work: the ideas as text, in their list. */
  get shownIdeas() {
    return this.page.getByRole("list", { name: "Your ideas" }).getByRole("listitem");
  }

  /** Read-only work: a datapoint's reason as text (by the column's id). */
  shownReason(columnId: string) {
    return this.page.getByTestId(`reason-${columnId}`);
  }

  async addIdea(text: string, how: "button" | "Enter" = "button") {
    await this.newIdea.fill(text);
    if (how === "Enter") await this.newIdea.press("Enter");
    else await this.page.getByRole("button", { name: "Add idea" }).click();
  }

  datapoint(column: string) {
    return this.picks.getByRole("checkbox", { name: column });
  }

  reasonFor(column: string) {
    return this.page.getByLabel(`Why would customers enjoy “${column}”?`);
  }

  /** Puts the cursor at `position` in the copy, then presses the placeholder's button. */
  async insertPlaceholder(placeholder: string, position: number, { tap = false } = {}) {
    await this.copy.evaluate((el: HTMLTextAreaElement, at) => el.setSelectionRange(at, at), position);
    const button = this.placeholders.getByRole("button", { name: placeholder, exact: true });
    await (tap ? button.tap() : button.click());
  }

  /** Reflection question n (1-based). */
  question(n: number) {
    return this.page.getByLabel(new RegExp(`^${n}\\. `));
  }

  submitButton(name: "Submit my work" | "Submit again" | RegExp = /^Submit/) {
    return this.page.getByRole("button", { name });
  }

  /** One criterion's entry in the returned feedback. */
  feedbackFor(criterionId: string) {
    const title = DEFAULT_RUBRIC.criteria.find((c) => c.id === criterionId)!.title;
    return this.feedback.getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: title, exact: true }) });
  }
}

/** The student's /classes page: each assignment's link with its status. */
export const assignmentStatus = (page: Page, title: string) =>
  page.getByRole("link", { name: new RegExp(title) }).getByTestId("assignment-status");
