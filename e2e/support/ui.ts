import type { Locator, Page, Route } from "@playwright/test";

/**
 * A toast with this text. Toasts vanish after a few seconds, so check one only right after the
 * action that shows it, and prefer what lasts (the saved row, the new page, a status line). One on
 * its way out (an Undo offer replaced by the next, animating away) no longer counts.
 */
export const toast = (page: Page, text: string | RegExp) =>
  page.locator('[data-sonner-toast]:not([data-removed="true"])').filter({ hasText: text });

/** Whether nothing lies over the middle of this element (a toast, a sticky bar): what a click there would reach. */
export async function uncovered(element: Locator) {
  return await element.evaluate((target) => {
    const box = target.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return hit !== null && target.contains(hit);
  });
}

/** Whether the page would have the browser ask before leaving: it cancels a beforeunload event. */
export function leavingAsks(page: Page) {
  return page.evaluate(() => !window.dispatchEvent(new Event("beforeunload", { cancelable: true })));
}

/**
 * The connection drops for server actions only: every action call fails on its way out, as offline,
 * while pages and scripts still load. Returns `reconnect()`. The browser logs each failed call, so
 * the test allows that line in its console guard.
 */
export async function dropServerActions(page: Page, consoleGuard: { allow: (pattern: RegExp) => void }) {
  consoleGuard.allow(/Failed to load resource: net::ERR_FAILED/);
  const handler = (route: Route) => (route.request().headers()["next-action"] ? route.abort("failed") : route.continue());
  await page.route("**/*", handler);
  return { reconnect: () => page.unroute("**/*", handler) };
}

/** Waits until the page's client screen has hydrated (its root carries data-ready; see components/ui/use-ready.ts). */
export async function waitForReady(page: Page, root = page.locator("[data-ready]")) {
  await root.first().waitFor({ state: "visible" });
}

/**
 * Holds back the app's scripts, as a slow phone's network would, until `release()` is called: the
 * page shows its server-rendered HTML and stays unhydrated. Navigate with `waitUntil: "domcontentloaded"`
 * meanwhile (the `load` event waits for the held scripts). Routing also bypasses the HTTP cache.
 */
export async function holdScripts(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = new Set<Promise<void>>();
  // Scripts only: a held stylesheet would hold the HTML's parsing, and DOMContentLoaded with it.
  const pattern = (url: URL) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js");
  await page.route(pattern, (route) => {
    const sent = released.then(() => route.continue());
    held.add(sent);
    void sent.finally(() => held.delete(sent));
    return sent;
  });
  return async () => {
    release();
    // Every script asked for so far goes on its way before the route is removed (removed first, the
    // browser sends them itself and continuing them fails), including those the released ones ask for.
    while (held.size > 0) await Promise.all(held);
    await page.unroute(pattern);
  };
}

/**
 * Where this element's text wraps: for each line after the first, the text up to its break, a "|",
 * and the rest ("ada.lovelace|@school.org"). Read from where each character is drawn.
 */
export const lineBreaks = (element: Locator) =>
  element.evaluate((root) => {
    const text = root.textContent ?? "";
    const breaks: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let offset = 0;
    let lastTop: number | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      for (let i = 0; i < length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const { top } = range.getBoundingClientRect();
        if (lastTop !== null && top > lastTop + 2) breaks.push(`${text.slice(0, offset + i)}|${text.slice(offset + i)}`);
        lastTop = top;
      }
      offset += length;
    }
    return breaks;
  });
