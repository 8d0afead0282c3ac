import { waitForReady } from "../ui";
import type { Locator, Page } from "@playwright/test";

export const SETUP_TABS = ["Settings", "Lesson", "Rubric"] as const;
export type SetupTab = (typeof SETUP_TABS)[number];

/**
 * An assignment's setup (/sections/<id>/assignments/<id>/setup): Settings, Lesson and Rubric as tabs
 * whose panels all stay mounted. Each editor is a form named by its heading, with its own save
 * button and a "Saved" / "Unsaved changes" line (components/assignments/save-bar.tsx).
 */
export class AssignmentSetup {
  readonly heading: Locator;
  readonly tablist: Locator;
  readonly settings: Locator;
  readonly texts: Locator;
  readonly dataset: Locator;
  readonly questions: Locator;
  readonly lessonPlan: Locator;
  readonly rubric: Locator;
  /** The read-only rubric's notice, once work has been scored. */
  readonly rubricLocked: Locator;
  readonly studentsLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.tablist = page.getByRole("tablist", { name: "Assignment" });
    this.settings = page.getByRole("form", { name: "Settings" });
    this.texts = page.getByRole("form", { name: "Case study, brief and worked example" });
    this.dataset = page.getByRole("form", { name: "Customer table" });
    this.questions = page.getByRole("form", { name: "Reflection questions" });
    this.lessonPlan = page.getByRole("form", { name: "Lesson plan" });
    this.rubric = page.getByRole("form", { name: "Rubric" });
    this.rubricLocked = page.getByTestId("rubric-locked");
    this.studentsLink = page.getByRole("main").getByRole("link", { name: "Students", exact: true });
  }

  /** Opens the setup (optionally at `?tab=`) and waits until it answers clicks and keys. */
  async open(base: string, tab?: string) {
    const response = await this.page.goto(`${base}/setup${tab === undefined ? "" : `?tab=${tab}`}`);
    await this.ready();
    return response;
  }

  async reload() {
    await this.page.reload();
    await this.ready();
  }

  /** Waits until the tabs and every editor answer clicks and keys (they hydrate together). */
  ready() {
    return waitForReady(this.page);
  }

  tab(name: SetupTab) {
    return this.tablist.getByRole("tab", { name, exact: true });
  }

  /** A tab's panel, shown or not (hidden panels stay in the page). */
  panel(name: SetupTab) {
    return this.page.getByRole("tabpanel", { name, exact: true, includeHidden: true });
  }

  /** The "Saved" / "Unsaved changes" line of one editor. */
  saveState(editor: Locator) {
    return editor.getByTestId("save-state");
  }

  /** An editor's own save button ("Save settings", "Save texts", "Save table", "Save questions", "Save lesson plan", "Save rubric"). */
  saveButton(editor: Locator, name: string) {
    return editor.getByRole("button", { name, exact: true });
  }

  /** A rubric level's control: "Points", "Label" or "Descriptor" of criterion c, level l (1-based). */
  level(criterion: number, level: number, what: "Points" | "Label" | "Descriptor") {
    return this.rubric.getByLabel(`Criterion ${criterion}, level ${level} ${what}`, { exact: true });
  }

  /** A cell of the customer table editor by its label ("Sarah Johns — Most Ordered Drink"). */
  cell(label: string) {
    return this.dataset.getByRole("textbox", { name: label, exact: true });
  }
}
