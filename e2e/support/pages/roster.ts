import type { Locator, Page } from "@playwright/test";
import { waitForReady } from "../ui";

/** The roster import at /sections/<id>/roster/import: paste or upload, preview row by row, import, slips. */
export class RosterImport {
  readonly heading: Locator;
  readonly list: Locator;
  readonly file: Locator;
  readonly previewButton: Locator;
  // The preview
  readonly rows: Locator;
  readonly problems: Locator;
  readonly summary: Locator;
  readonly headerRow: Locator;
  // Done
  readonly result: Locator;
  readonly slips: Locator;
  readonly backToSection: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Import students" });
    this.list = page.getByLabel("Paste your class list");
    this.file = page.locator("#roster-file");
    this.previewButton = page.getByRole("button", { name: "Preview import" });
    this.rows = page.getByRole("table", { name: "What the import will do" }).getByRole("row");
    this.problems = page.locator('tr[data-outcome="error"]');
    this.summary = page.getByTestId("import-summary");
    this.headerRow = page.getByLabel("The first row holds column titles");
    this.result = page.getByTestId("import-result");
    this.slips = page.getByTestId("sign-in-slip");
    this.backToSection = page.getByRole("link", { name: "Back to the section" });
  }

  async open(sectionId: string) {
    await this.page.goto(`/sections/${sectionId}/roster/import`);
    await waitForReady(this.page);
  }

  /** Pastes the class list and asks for the preview. */
  async preview(list: string) {
    await this.list.fill(list);
    await this.previewButton.click();
  }

  /** The preview's row for this email (its data-outcome says what the import will do). */
  rowFor(email: string) {
    return this.rows.filter({ hasText: email });
  }

  /** The mapping's select for a column ("Email", "Full name", "Names are in", …). */
  mapping(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  /** The import button, named after what it will do ("Import 2 students and invite 1", "Send 1 invitation"). */
  importButton(name: string) {
    return this.page.getByRole("button", { name });
  }

  /**
   * "Print slips", with the browser's print dialog played by a stand-in: a headless browser has
   * none. Like the real one, it fires beforeprint and, once closed, afterprint.
   */
  async printSlips() {
    await this.page.evaluate(() => {
      window.print = () => {
        window.dispatchEvent(new Event("beforeprint"));
        window.dispatchEvent(new Event("afterprint"));
      };
    });
    await this.page.getByRole("button", { name: "Print slips" }).click();
  }

  /** The one-time password on a slip (the only slip unless one is given). */
  async oneTimePassword(slip: Locator = this.slips) {
    return (await slip.getByTestId("one-time-password").textContent())!.trim();
  }
}
