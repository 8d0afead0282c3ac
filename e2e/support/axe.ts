import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Runs axe on the page as it is now; any violation fails, listed with the elements at fault. */
export async function expectNoViolations(page: Page) {
  // A toast or a fade-in caught half transparent would fail on contrast, and one can start at any
  // moment: a toast that times out begins its exit while axe runs (a fresh-clone run caught sonner's
  // Undo button so). With reduced motion, as a student who asks for it gets the page, sonner and the
  // app's own transitions jump straight to where they end; what is still running (an animation that
  // does not honour it) is waited out. Endless ones, a spinner, are left running.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  // Every rule, as by default; two settings make a run about three times faster (2.2-3.6 s → 0.5-1.1 s
  // on the assignment setup), and the suite has some 40 runs. Legacy mode runs axe in the page
  // itself instead of gathering each frame's results in a blank page opened for it (the app's pages
  // have no frames); and the passes and inapplicable rules come back without every node they
  // looked at, since only the violations are read.
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode()
    .options({ resultTypes: ["violations"] })
    .analyze()
    .finally(() => page.emulateMedia({ reducedMotion: null }));
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}
