import fs from "node:fs";
import path from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { submissionImages, submissions } from "../db/schema";
import { readStoredFile } from "../lib/server/storage";
import { DEFAULT_RUBRIC } from "../lib/lesson/default-lesson";
import { findServerAction, postAction } from "./support/actions";
import { expect, PASSWORD, signIn, test } from "./support/fixtures";
import { gradingData } from "./support/grading-data";
import { testImages } from "./support/images";
import { GradingView } from "./support/pages/grading";
import { assignmentStatus, StudentWorkspace } from "./support/pages/workspace";
import { E2E_INSTANCES, E2E_STACK } from "./support/stack";
import { toast } from "./support/ui";
import type { APIRequestContext, BrowserContext, Locator } from "@playwright/test";

// Issue 12: many app instances behind one PostgreSQL database and one S3 bucket. Two instances of
// the same build run side by side (E2E_STACK=scale, e2e/support/stack.ts): whatever one writes,
// the other serves at once, because nothing either needs lives only in its own memory or on its
// own disk. The page's baseURL is instance A; the other person's browser talks to instance B.

test.skip(
  E2E_STACK !== "scale",
  "needs two app instances on PostgreSQL and an S3 bucket: E2E_STACK=scale (npm test runs it when PostgreSQL is installed; see e2e/support/stack.ts)",
);

const [A, B] = E2E_INSTANCES;
const uid = () => Math.random().toString(36).slice(2, 8);
const criterion = (id: string) => DEFAULT_RUBRIC.criteria.find((c) => c.id === id)!;
const naturalWidth = (img: Locator) => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : -1));

/** A browser of its own talking to instance B (cookies are per host, so a session minted for A is sent to B too). */
async function onB(newContext: (options?: { baseURL?: string }) => Promise<BrowserContext>, email: string) {
  const page = await (await newContext({ baseURL: B!.url })).newPage();
  await signIn(page, email);
  expect(new URL(page.url()).port, "this browser is on instance B").toBe(String(B!.port));
  return page;
}

/** Files under an instance's own UPLOADS_DIR, apart from request bodies in flight (incoming/). */
function localFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith(`incoming${path.sep}`));
}

test(
  "a teacher grades and returns work on instance A while the student reads the feedback on instance B",
  { tag: "@scale" },
  async ({ page, make, db, newContext }) => {
    test.slow(); // two browsers, each reloading after the other's change
    const data = gradingData(db);
    const teacher = await make.teacher(`Ms. Scale ${uid()}`);
    const section = await make.section(teacher.id);
    const assignment = await data.assignment(section.id, { title: `Two instances ${uid()}` });
    const student = await make.student(`Sam ${uid()}`);
    await make.enroll(section.id, student.id);
    const submission = await data.submitted(assignment, student.id);
    const note = `Bigger type on the card would help ${uid()}.`;

    // The student, on B, has handed in and waits: nothing to read yet.
    const studentPage = await onB(newContext, student.email);
    const studentWork = new StudentWorkspace(studentPage);
    await expect(assignmentStatus(studentPage, assignment.title)).toHaveText("Submitted");
    await studentWork.open(assignment.id);
    await expect(studentWork.status("Submitted")).toBeVisible();
    await expect(studentWork.feedback).toHaveCount(0);

    // The teacher, on A, scores every criterion, comments on one and returns the work.
    const view = new GradingView(page);
    await signIn(page, teacher.email);
    expect(new URL(page.url()).port, "the teacher's browser is on instance A").toBe(String(A!.port));
    await view.open(`/sections/${section.id}/assignments/${assignment.id}/grade/${student.id}`);
    for (const [id, points] of Object.entries({ ideation: 3, copywriting: 2, design: 2, reflection: 3 }))
      await view.level(id, points).click();
    await view.comment("design").fill(note);
    await expect(view.total).toHaveText("10 / 12 (4 of 4 scored)");
    await expect(view.saveStatus).toHaveText("All changes saved");

    // Saved but not returned: B still shows the student nothing.
    await studentWork.reload();
    await expect(studentWork.feedback).toHaveCount(0);

    await view.returnToStudent.click();
    await expect(toast(page, "Returned to the student.")).toBeVisible();
    await expect(view.status("Returned")).toBeVisible();

    // B serves what A wrote the moment it is committed: no cache of either instance stands between.
    await studentWork.reload();
    await expect(studentWork.feedbackTotal).toHaveText("10 / 12");
    const design = criterion("design");
    await expect(studentWork.feedbackFor("design")).toContainText(`2 points · ${design.levels.find((l) => l.points === 2)!.label}`);
    await expect(studentWork.feedbackFor("design")).toContainText(note);
    await expect(studentWork.readOnlyReason).toContainText("Your teacher has returned this work");
    await studentPage.goto("/classes");
    await expect(assignmentStatus(studentPage, assignment.title)).toHaveText("Returned");

    // A change on A after returning (the teacher agrees to the question it asks) reaches the student
    // on B, marked Updated.
    page.once("dialog", (dialog) => void dialog.accept());
    await view.level("design", 3).click();
    await expect(view.total).toHaveText("11 / 12 (4 of 4 scored)");
    await expect(view.saveStatus).toHaveText("All changes saved");
    await studentWork.open(assignment.id);
    await expect(studentWork.feedbackTotal).toHaveText("11 / 12");
    await expect(studentWork.feedback.getByText("Updated", { exact: true })).toBeVisible();
    expect(await data.pointsOf(submission.id)).toEqual({ ideation: 3, copywriting: 2, design: 3, reflection: 3 });
  },
);

test(
  "an image uploaded through instance A is served by instance B from the bucket, and only to those allowed to see it",
  { tag: "@scale" },
  async ({ page, make, db, newContext }) => {
    test.slow(); // an upload, then three people on the other instance
    const images = await testImages();
    const { teacher, section, student: author, assignment } = await make.studentInClass();
    const classmate = await make.student();
    await make.enroll(section.id, classmate.id);

    // The author uploads on A; A answers with the thumbnail it made.
    const work = new StudentWorkspace(page);
    await signIn(page, author.email);
    await work.open(assignment.id);
    await work.goTo("Design");
    await work.imageInput.setInputFiles(images.portrait);
    await expect(work.uploadedImages).toHaveCount(1);
    await expect.poll(() => naturalWidth(work.uploadedImages.getByRole("img"))).toBe(480);
    const [image] = await db
      .select({ id: submissionImages.id, storageKey: submissionImages.storageKey, thumbnailKey: submissionImages.thumbnailKey })
      .from(submissionImages)
      .innerJoin(submissions, eq(submissions.id, submissionImages.submissionId))
      .where(and(eq(submissions.assignmentId, assignment.id), eq(submissions.studentId, author.id), isNull(submissionImages.deletedAt)));
    expect(image, "the upload is recorded").toBeDefined();
    const url = (variant: "full" | "thumb", instance = B!) => `${instance.url}/api/images/${image!.id}?variant=${variant}`;

    // The bytes live in the bucket, not on either instance's disk.
    const inBucket = { full: await readStoredFile(image!.storageKey), thumb: await readStoredFile(image!.thumbnailKey) };
    for (const instance of E2E_INSTANCES) expect(localFiles(instance.uploadsDir), `instance ${instance.name}'s own folder`).toEqual([]);

    // The author gets the same bytes from B as from A, straight from the bucket.
    for (const variant of ["full", "thumb"] as const) {
      const fromA = await page.request.get(url(variant, A!));
      const fromB = await page.request.get(url(variant, B!));
      expect(fromA.status(), `author on A, ${variant}`).toBe(200);
      expect(fromB.status(), `author on B, ${variant}`).toBe(200);
      expect(fromB.headers()["content-type"]).toBe(fromA.headers()["content-type"]);
      expect(fromB.headers()["x-content-type-options"]).toBe("nosniff");
      const bytes = await fromB.body();
      expect(bytes.equals(await fromA.body()), `B serves A's ${variant} bytes`).toBe(true);
      expect(bytes.equals(inBucket[variant]), `B serves the bucket's ${variant} bytes`).toBe(true);
    }
    // …and B's own pages show it: the author's workspace on B loads the image through B.
    const authorOnB = await onB(newContext, author.email);
    const workOnB = new StudentWorkspace(authorOnB);
    await workOnB.open(assignment.id);
    await workOnB.goTo("Design");
    await expect.poll(() => naturalWidth(workOnB.uploadedImages.getByRole("img"))).toBe(480);

    // The class's teacher may see it on B; a classmate on B may not (404, as for an image that does not exist).
    const teacherOnB = await onB(newContext, teacher.email);
    const classmateOnB = await onB(newContext, classmate.email);
    for (const variant of ["full", "thumb"] as const) {
      expect((await teacherOnB.request.get(url(variant))).status(), `the class's teacher on B, ${variant}`).toBe(200);
      expect((await classmateOnB.request.get(url(variant))).status(), `a classmate on B, ${variant}`).toBe(404);
    }
  },
);

test(
  "the sign-in throttle counts failures on both instances together: five on A and five on B lock the account on both",
  { tag: "@scale" },
  async ({ playwright, make }) => {
    const teacher = await make.teacher();
    const colleague = await make.teacher();
    const action = findServerAction("signInAction");
    // The failures count per client address: both instances see this process as 127.0.0.1.
    const onLoopback = (instance: typeof A) => playwright.request.newContext({ baseURL: `http://127.0.0.1:${instance!.port}` });
    const [onA, onB] = await Promise.all([onLoopback(A), onLoopback(B)]);
    const signInOn = async (instance: APIRequestContext, email: string, password: string) => {
      const { response, body } = await postAction(instance, action, [{ email, password }]);
      expect(response.status()).toBeLessThan(500);
      if (body.includes("Too many failed sign-in attempts")) return "locked";
      if (body.includes("Email or password is incorrect.")) return "refused";
      return response.headers()["x-action-redirect"]?.split(";")[0] === "/home" ? "signed in" : `unexpected: ${body.slice(0, 200)}`;
    };
    try {
      for (let attempt = 1; attempt <= 5; attempt++)
        expect(await signInOn(onA, teacher.email, `wrong-${attempt}`), `on A, attempt ${attempt}`).toBe("refused");
      for (let attempt = 6; attempt <= 9; attempt++)
        expect(await signInOn(onB, teacher.email, `wrong-${attempt}`), `on B, attempt ${attempt}`).toBe("refused");
      // The tenth failure, wherever it lands, locks the account everywhere; even the right password is refused.
      expect(await signInOn(onB, teacher.email, "wrong-10")).toBe("locked");
      expect(await signInOn(onA, teacher.email, PASSWORD), "the right password on A").toBe("locked");
      expect(await signInOn(onB, teacher.email, PASSWORD), "the right password on B").toBe("locked");
      // Another account from the same address still signs in on either instance.
      expect(await signInOn(onA, colleague.email, PASSWORD), "a colleague on A").toBe("signed in");
      expect(await signInOn(onB, colleague.email, PASSWORD), "a colleague on B").toBe("signed in");
    } finally {
      await Promise.all([onA.dispose(), onB.dispose()]);
    }
  },
);
