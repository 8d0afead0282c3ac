import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Runs axe on the page as it is now; any violation fails, listed with the elements at fault. */
export async function expectNoViolations(page: Page) {
  // A fade-in still under way (the projector's answer, a toast) would be measured half transparent:
  // axe looks at the page as it settles, once every running CSS transition and animation has ended.
  // (Endless ones, a spinner, are left running.)
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
    .analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}
