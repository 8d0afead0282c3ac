import type { Page } from "@playwright/test";

/**
 * A toast with this text. Toasts vanish after a few seconds, so check one only right after the
 * action that shows it, and prefer what lasts (the saved row, the new page, a status line).
 */
export const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });

/** Waits until the page's client screen has hydrated (its root carries data-ready; see components/ui/use-ready.ts). */
export async function waitForReady(page: Page, root = page.locator("[data-ready]")) {
  await root.first().waitFor({ state: "visible" });
}
