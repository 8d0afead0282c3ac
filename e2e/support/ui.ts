import type { Page } from "@playwright/test";

/**
 * A toast with this text. Toasts vanish after a few seconds, so check one only right after the
 * action that shows it, and prefer what lasts (the saved row, the new page, a status line).
 */
export const toast = (page: Page, text: string | RegExp) => page.locator("[data-sonner-toast]").filter({ hasText: text });
