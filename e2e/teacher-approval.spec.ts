import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { findServerAction, postAction } from "./support/actions";
import { expect, PASSWORD, signIn, test, uniqueEmail } from "./support/fixtures";
import { E2E_AUTH_SECRET } from "./support/server-env";
import { toast, waitForReady } from "./support/ui";
import { unzip } from "./support/zip";

/**
 * TEACHER_SIGNUP=approval. The mode is the server's environment and decides one thing only: what
 * a teacher signing up starts as. Every other spec signs teachers up under the e2e server's open
 * sign-up, so the mode is not flipped there: this spec starts one more server of the same build on
 * the same database, with TEACHER_SIGNUP=approval, only for the sign-up itself. What follows (the
 * waiting page, the refusals, the approval) depends on the account's own approval state, read from
 * the database on every request, so it is checked on the ordinary server. Session cookies are per
 * host, not per port, so the one made on the approval server is good on both.
 */

let server: ChildProcess | undefined;
let approvalUrl = "";

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test.describe.configure({ mode: "serial" });

// The second server is this app too: its pages are no third party (the guard counts ports as origins).
test.beforeEach(({ consoleGuard }) =>
  consoleGuard.allow(new RegExp(`^request to another origin: \\S+ ${approvalUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/`)),
);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  approvalUrl = `http://localhost:${port}`;
  server = spawn("node", ["scripts/server.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      AUTH_SECRET: E2E_AUTH_SECRET,
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      TEACHER_SIGNUP: "approval",
      TEACHER_SIGNUP_CODE: "",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (const started = Date.now(); Date.now() - started < 100_000; await new Promise((r) => setTimeout(r, 250))) {
    try {
      if ((await fetch(`${approvalUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
  }
  throw new Error("the TEACHER_SIGNUP=approval server did not start");
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
});

async function signUpTeacher(page: Page, name: string, email: string) {
  await page.goto(`${approvalUrl}/sign-up`);
  await waitForReady(page);
  await expect(page.getByText("waits until your school's administrator approves it")).toBeVisible();
  await page.getByRole("radio", { name: /I'm a teacher/ }).check();
  await expect(page.getByLabel("Teacher sign-up code")).toHaveCount(0);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`${approvalUrl}/approval`);
}

test("a teacher who signs up waits for approval, reaches nothing else, and gets in once an administrator approves", async ({
  page,
  make,
  newContext,
  db,
}) => {
  const email = uniqueEmail("waiting-teacher");
  await signUpTeacher(page, "Wanda Waiting", email);
  await expect(page.getByRole("heading", { level: 1, name: "Waiting for approval" })).toBeVisible();
  expect((await db.select().from(users).where(eq(users.email, email)))[0]).toMatchObject({ role: "teacher", approval: "pending" });

  // Every teacher page sends them back to the waiting page, on either server; actions refuse them.
  const someSection = await make.section((await make.teacher()).id);
  for (const path of ["/sections", `/sections/${someSection.id}`, "/account", "/home"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL("/approval");
  }
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  const create = await postAction(page.request, findServerAction("createSectionAction"), [{ name: "Sneaky", term: "" }]);
  expect(create.body).toContain('"code":"forbidden"');

  // The administrator approves from the list of teachers waiting.
  const admin = await make.admin();
  const adminPage = await (await newContext()).newPage();
  await signIn(adminPage, admin.email);
  await adminPage.goto(`/admin/accounts?state=pending&q=${encodeURIComponent(email)}`);
  await expect(adminPage.getByRole("heading", { level: 1, name: "Teachers waiting for approval" })).toBeVisible();
  await waitForReady(adminPage);
  // Another administrator refuses the account while this page still shows it waiting: approving here
  // does not overturn that unseen, and the list shows it is no longer waiting.
  const [waiting] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  await db.update(users).set({ approval: "refused" }).where(eq(users.id, waiting!.id));
  await adminPage.getByRole("button", { name: "Approve Wanda Waiting" }).click();
  await expect(toast(adminPage, "Another administrator has refused this account since the page was loaded")).toBeVisible();
  await expect(adminPage.getByText("No teacher is waiting for approval.")).toBeVisible();
  expect((await db.select({ approval: users.approval }).from(users).where(eq(users.email, email)))[0]?.approval).toBe("refused");
  // Seen refused, the account can still be approved.
  await adminPage.goto(`/admin/accounts?state=refused&q=${encodeURIComponent(email)}`);
  await waitForReady(adminPage);
  await adminPage.getByRole("button", { name: "Approve Wanda Waiting" }).click();
  await expect(toast(adminPage, "is approved as a teacher")).toBeVisible();

  await page.goto("/sections");
  await expect(page).toHaveURL("/sections");
  await expect(page.getByRole("heading", { level: 1, name: "My sections" })).toBeVisible();
  await page.goto("/approval");
  await expect(page).toHaveURL("/sections");
});

test("a refused teacher is told so, can still download their data, and reaches nothing else", async ({ page, make, newContext, db }) => {
  const email = uniqueEmail("refused-teacher");
  await signUpTeacher(page, "Rex Refused", email);

  const admin = await make.admin();
  const adminPage = await (await newContext()).newPage();
  await signIn(adminPage, admin.email);
  const id = (await db.select().from(users).where(eq(users.email, email)))[0]!.id;
  await adminPage.goto(`/admin/accounts/${id}`);
  await waitForReady(adminPage);
  await expect(adminPage.getByText("This teacher is waiting for approval.")).toBeVisible();
  await adminPage.getByRole("button", { name: "Refuse", exact: true }).click();
  await adminPage.getByRole("button", { name: "Refuse Rex Refused" }).click();
  await expect(adminPage.getByText("This teacher account was refused.")).toBeVisible();
  expect((await db.select().from(users).where(eq(users.id, id)))[0]?.approval).toBe("refused");

  await page.goto("/sections");
  await expect(page).toHaveURL("/approval");
  await expect(page.getByRole("heading", { level: 1, name: "Your teacher account was not approved" })).toBeVisible();
  // Refused, the account still downloads what the app holds about it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
  const file = await download.path();
  const data = JSON.parse((await unzip(file)).get("data.json")!.toString());
  expect(data.person).toMatchObject({ id, email });
  fs.rmSync(file, { force: true });
  // A student signing up on the approval server is not held.
  const studentPage = await (await newContext()).newPage();
  await studentPage.goto(`${approvalUrl}/sign-up?role=student`);
  await waitForReady(studentPage);
  await studentPage.getByLabel("Full name").fill("Sam Student");
  await studentPage.getByLabel("Email").fill(uniqueEmail("approval-student"));
  await studentPage.getByLabel("Password").fill(PASSWORD);
  await studentPage.getByRole("button", { name: "Create account" }).click();
  await expect(studentPage).toHaveURL(`${approvalUrl}/classes`);
});
