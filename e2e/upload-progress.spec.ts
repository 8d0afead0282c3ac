import { expectNoViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { testImages } from "./support/images";
import { StudentWorkspace } from "./support/pages/workspace";

// The design step's upload progress: once every byte is sent, the server may keep an image waiting
// for its turn in the queue (lib/server/image-queue.ts); the bar must not sit full and silent.

test(
  "once its bytes are sent, an upload says 'Processing…' politely until the server answers",
  { tag: "@scale" },
  async ({ page, make }) => {
    const work = new StudentWorkspace(page);
    const images = await testImages();
    const { student, assignment } = await make.studentInClass();
    await signIn(page, student.email);
    await work.open(assignment.id);
    await work.goTo("Design");

    // The server's answer is held back, as a long queue would hold it. Chromium's own request goes
    // out (so the page sees its upload complete) and only the response waits: page.route would hold
    // the request itself, and the page would never see its bytes sent.
    const cdp = await page.context().newCDPSession(page);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await cdp.send("Fetch.enable", { patterns: [{ urlPattern: `*/api/assignments/${assignment.id}/images*`, requestStage: "Response" }] });
    cdp.on("Fetch.requestPaused", async ({ requestId }) => {
      await released;
      await cdp.send("Fetch.continueResponse", { requestId });
    });
    await work.imageInput.setInputFiles(images.portrait);
    const upload = work.uploads.getByRole("listitem");
    await expect(upload.getByRole("status")).toHaveText("Processing…");
    const bar = upload.getByRole("progressbar", { name: "Processing portrait.png" });
    await expect(bar).toBeVisible();
    await expect(bar).not.toHaveAttribute("value"); // indeterminate: it keeps moving
    await expectNoViolations(page);

    release();
    await expect(work.uploadedImages).toHaveCount(1);
    await expect(work.uploads).toHaveCount(0);
  },
);
