import { decode, encode } from "@auth/core/jwt";
import { eq, like } from "drizzle-orm";
import { signInThrottle, users } from "../db/schema";
import { DEMO } from "../db/seed";
import type { DB } from "../db";
import { accountKey } from "../lib/sign-in-throttle";
import { findServerAction, postAction } from "./support/actions";
import { expect, PASSWORD, signIn, signInWithPassword, test, uniqueEmail } from "./support/fixtures";
import { SignInForm } from "./support/pages/sign-in";
import { E2E_AUTH_SECRET } from "./support/server-env";
import { SESSION_COOKIE } from "../lib/test/session-cookie";
import { holdScripts, toast, waitForReady } from "./support/ui";
import type { BrowserContext, Page } from "@playwright/test";

const INVALID = "Email or password is incorrect.";
const LOCKED = "Too many failed sign-in attempts. Sign-in from here is paused for 15 minutes.";

async function fillSignUp(page: Page, fields: { role: "teacher" | "student"; name: string; email: string; password: string }) {
  await waitForReady(page);
  await page.getByRole("radio", { name: fields.role === "teacher" ? /I'm a teacher/ : /I'm a student/ }).check();
  await page.getByLabel("Full name").fill(fields.name);
  await page.getByLabel("Email").fill(fields.email);
  await page.getByLabel("Password").fill(fields.password);
}

/** Submits the sign-in form once and waits until the server has answered it. */
async function submitSignIn(page: Page, email: string, password: string) {
  await waitForReady(page);
  const main = page.getByRole("main");
  await main.getByLabel("Email").fill(email);
  await main.getByLabel("Password").fill(password);
  const button = main.getByRole("button", { name: "Sign in" });
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await button.click();
  await answered;
  // The button stays busy until the form has taken the server's answer in.
  await expect(button).not.toHaveAttribute("aria-busy", "true");
}

async function expectSignedOut(page: Page) {
  await page.goto("/sections");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsections$/);
}

/** A browser of someone who copied this page's session cookie (from a shared computer, say). */
async function copiedSession(from: Page, newContext: () => Promise<BrowserContext>) {
  const cookie = (await from.context().cookies()).find((c) => c.name === SESSION_COOKIE)!;
  const copy = await (await newContext()).newPage();
  await copy.context().addCookies([cookie]);
  return copy;
}

/** Whether a student's browser opens My classes (signed in) or is sent to sign in. */
async function expectInClasses(page: Page, signedIn: boolean) {
  await page.goto("/classes");
  if (signedIn) await expect(page.getByRole("heading", { level: 1, name: "My classes" })).toBeVisible();
  else await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fclasses$/);
}

test.describe("sign-up", () => {
  test("a teacher signs up through the form and lands on My sections", async ({ page, db }) => {
    const email = uniqueEmail("signup-teacher");
    await page.goto("/sign-up");
    // Mixed case on purpose: addresses are stored lower-cased.
    await fillSignUp(page, { role: "teacher", name: "Ada Teacher", email: email.toUpperCase(), password: PASSWORD });
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(/\/sections$/);
    await expect(page.getByRole("heading", { level: 1, name: "My sections" })).toBeVisible();
    await expect(page.getByTestId("current-user")).toHaveText("Ada Teacher");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My sections" })).toBeVisible();

    const row = (await db.select().from(users).where(eq(users.email, email)))[0];
    expect(row).toMatchObject({ name: "Ada Teacher", role: "teacher", email });
    expect(row!.passwordHash).not.toContain(PASSWORD);
  });

  test("tabbing through the form flags nothing; a field typed in is checked when left, and its error goes as it is fixed", async ({
    page,
  }) => {
    await page.goto("/sign-up");
    await waitForReady(page);
    const [name, email, password] = [page.getByLabel("Full name"), page.getByLabel("Email"), page.getByLabel("Password")];
    await name.focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    for (const field of [name, email, password]) await expect(field).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter a valid email address")).toHaveCount(0);

    await email.fill("not-an-address");
    await email.press("Tab");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription(/Enter a valid email address/);
    await expect(name).not.toHaveAttribute("aria-invalid", "true");
    await email.fill("someone@school.org");
    await expect(email).not.toHaveAttribute("aria-invalid", "true");
    // Submitting checks every field, typed in or not.
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(/Use at least 8 characters\./);
  });

  test("a taken email and a weak password show errors under their fields and keep what was typed", async ({ page, make, db, request }) => {
    const existing = await make.student();
    await page.goto("/sign-up");
    await fillSignUp(page, { role: "student", name: "Kept Name", email: existing.email.toUpperCase(), password: PASSWORD });
    await page.getByRole("button", { name: "Create account" }).click();

    const email = page.getByLabel("Email");
    await expect(email).toHaveAccessibleDescription("An account with this email already exists. Sign in instead.");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/sign-up$/);
    await expect(page.getByLabel("Full name")).toHaveValue("Kept Name");
    await expect(page.getByLabel("Password")).toHaveValue(PASSWORD);
    await expect(page.getByRole("radio", { name: /I'm a student/ })).toBeChecked();
    expect(await db.select().from(users).where(eq(users.email, existing.email))).toHaveLength(1);

    // Fix the email, break the password: the password field complains, the rest stays.
    const fresh = uniqueEmail("weak");
    await email.fill(fresh);
    await page.getByLabel("Password").fill("7-chars");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Use at least 8 characters\./);
    await expect(email).not.toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveValue(fresh);
    await expect(page.getByLabel("Full name")).toHaveValue("Kept Name");
    await expect(page).toHaveURL(/\/sign-up$/);

    // The server enforces the same rule for anyone skipping the form.
    const { body } = await postAction(request, findServerAction("signUpAction"), [
      { name: "Raw", email: fresh, password: "short", role: "student" },
    ]);
    expect(body).toContain('"code":"invalid"');
    expect(body).toContain("Use at least 8 characters.");
    expect((await db.select().from(users).where(eq(users.email, fresh)))[0]).toBeUndefined();
  });
});

test.describe("sign-in and sign-out", () => {
  test("signing out returns to a signed-out page and protected pages need sign-in again", async ({ page, make, db }) => {
    const teacher = await make.teacher();
    const before = Date.now();
    // Typed before the page has hydrated, the password goes nowhere: the button, and Enter with it,
    // wait for the page's script (components/forms/submit-button.tsx). The browser submitting the
    // form itself would have put it in the address.
    const sent: string[] = [];
    page.on("request", (request) => sent.push(request.url()));
    const form = new SignInForm(page);
    const release = await holdScripts(page);
    await page.goto("/sign-in", { waitUntil: "domcontentloaded" });
    await form.email.fill(teacher.email);
    await form.password.fill(PASSWORD);
    await expect(form.submit).toBeDisabled();
    await form.password.press("Enter");
    await release();
    await waitForReady(page);
    expect(sent.filter((url) => url.includes("password") || url.includes(encodeURIComponent(teacher.email)))).toEqual([]);
    await expect(page).toHaveURL(/\/sign-in$/);
    // Nothing typed was lost, and now Enter signs in.
    await expect(form.password).toHaveValue(PASSWORD);
    await form.password.press("Enter");
    await expect(page).toHaveURL(/\/sections$/);
    const lastSignInAt = (await db.select().from(users).where(eq(users.id, teacher.id)))[0]?.lastSignInAt;
    expect(lastSignInAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    await expect(page.getByTestId("current-user")).toHaveText(teacher.name);

    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(page.getByTestId("current-user")).toHaveCount(0);
    await expectSignedOut(page);
  });

  test("signing out ends that session for good: a copy of its cookie is refused, and the account's other browsers stay signed in", async ({
    page,
    make,
    newContext,
    baseURL,
  }) => {
    test.slow(); // two sign-ins through the form and four browsers
    const student = await make.student();
    await signInWithPassword(page, student.email);
    const other = await (await newContext()).newPage();
    await signInWithPassword(other, student.email);
    const copy = await copiedSession(page, newContext);
    await expectInClasses(copy, true);

    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expectInClasses(copy, false);
    // Only that session ended: the student's other browser is still in.
    await expectInClasses(other, true);

    // Auth.js's own sign-out endpoint ends its session the same way.
    const otherCopy = await copiedSession(other, newContext);
    await expectInClasses(otherCopy, true);
    const { csrfToken } = (await (await other.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signedOut = await other.request.post("/api/auth/signout", {
      form: { csrfToken },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(signedOut.status()).toBe(302);
    await expectInClasses(otherCopy, false);
  });

  test("signing in over a session the browser still holds ends that session: a copy of its cookie is refused", async ({
    page,
    make,
    newContext,
  }) => {
    test.slow(); // two sign-ins through the form and three pages
    const [first, second] = [await make.student(), await make.student()];
    // A sign-in page left open in another tab of the same browser.
    const otherTab = await page.context().newPage();
    await new SignInForm(otherTab).open();
    await signInWithPassword(page, first.email);
    const copy = await copiedSession(page, newContext);
    await expectInClasses(copy, true);

    // The next person signs in from that tab: the first student's session ends with its cookie.
    await new SignInForm(otherTab).signIn(second.email, PASSWORD);
    await expect(otherTab).toHaveURL(/\/classes$/);
    await expect(otherTab.getByTestId("current-user")).toHaveText(second.name);
    await expectInClasses(copy, false);
  });

  test("a session ends 30 days after its sign-in; Auth.js's session endpoint, which re-issued cookies, is closed", async ({
    page,
    make,
    newContext,
  }) => {
    const student = await make.student();
    await signInWithPassword(page, student.email);
    const cookieValue = async () => (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!.value;
    const opened = (token: string) => decode({ token, secret: E2E_AUTH_SECRET, salt: SESSION_COOKIE });
    const signedIn = await opened(await cookieValue());
    expect(signedIn).toMatchObject({ uid: student.id, sid: expect.any(String), st: expect.any(Number) });
    const startedAt = signedIn!.st as number;
    // Auth.js's endpoint re-encoded the token with a fresh 30-day expiry, and answered its name and
    // email without the database's check; nothing here uses it, and it is closed.
    const before = await cookieValue();
    const asked = await page.request.get("/api/auth/session");
    expect(asked.status()).toBe(404);
    expect(asked.headers()["set-cookie"]).toBeUndefined();
    expect(await asked.text()).not.toContain(student.email);
    expect(await cookieValue()).toBe(before);
    const reissued = signedIn;

    // The same token, its sign-in moved back: 29 days ago it still works, 31 days ago it does not.
    const startedDaysAgo = async (days: number) => {
      const value = await encode({ token: { ...reissued, st: startedAt - days * 86_400 }, secret: E2E_AUTH_SECRET, salt: SESSION_COOKIE });
      const browser = await (await newContext()).newPage();
      await browser.context().addCookies([{ name: SESSION_COOKIE, value, url: page.url(), httpOnly: true, sameSite: "Lax" }]);
      return browser;
    };
    await expectInClasses(await startedDaysAgo(29), true);
    await expectInClasses(await startedDaysAgo(31), false);
  });

  test("Sign out works before the page has hydrated: a shared computer on a slow connection is not left signed in", async ({
    page,
    make,
  }) => {
    const student = await make.student();
    await signIn(page, student.email);
    // The browser posts the server action's form itself (no Next-Action header: no script sent it).
    const posted: { nextAction: boolean; contentType: string }[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST")
        posted.push({ nextAction: request.headers()["next-action"] !== undefined, contentType: request.headers()["content-type"] ?? "" });
    });
    const release = await holdScripts(page);
    await page.goto("/classes", { waitUntil: "domcontentloaded" });
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    expect(posted).toEqual([{ nextAction: false, contentType: expect.stringMatching(/^multipart\/form-data/) }]);
    await release();
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    await expectSignedOut(page);
  });

  test("a Referer Auth.js cannot parse: a wrong password is refused and earns no device cookie; the right one signs in; sign-out still clears the session", async ({
    make,
    newContext,
  }) => {
    const student = await make.student();
    const signInId = findServerAction("signInAction").id;
    const signOutId = findServerAction("signOutAction").id;
    const context = await newContext();
    const post = (id: string, args: unknown[], headers: Record<string, string>) =>
      context.request.post("/sign-in", {
        headers: { "Next-Action": id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", ...headers },
        data: JSON.stringify(args),
        maxRedirects: 0,
      });
    const deviceCookie = async () => (await context.cookies()).some((c) => c.name === "recap-device");
    const session = async () => (await context.cookies()).some((c) => c.name.endsWith("authjs.session-token"));
    const odd: Record<string, string>[] = [{ Referer: "foo" }, { Referer: "http://[::1" }];
    for (const headers of odd) {
      const wrong = await post(signInId, [{ email: student.email, password: "not-the-password" }], headers);
      expect(await wrong.text(), JSON.stringify(headers)).toContain(INVALID);
      expect(wrong.headers()["x-action-redirect"]).toBeUndefined();
      expect([await deviceCookie(), await session()]).toEqual([false, false]);
    }
    const right = await post(signInId, [{ email: student.email, password: PASSWORD }], { Referer: "foo" });
    expect(right.headers()["x-action-redirect"]).toMatch(/^\/home/);
    expect([await deviceCookie(), await session()]).toEqual([true, true]);
    await post(signOutId, [], { Referer: "foo" });
    expect(await session()).toBe(false);
  });

  test("without JavaScript, the sign-in page says it is needed and its button stays disabled; with it, no such note", async ({
    page,
    newContext,
  }) => {
    const noScript = await (await newContext({ javaScriptEnabled: false })).newPage();
    await noScript.goto("/sign-in");
    await expect(noScript.getByRole("alert").filter({ hasText: "Recap Classroom needs JavaScript" })).toBeVisible();
    await expect(new SignInForm(noScript).submit).toBeDisabled();
    await page.goto("/sign-in");
    await waitForReady(page);
    await expect(new SignInForm(page).submit).toBeEnabled();
    await expect(page.getByText("Recap Classroom needs JavaScript")).toBeHidden();
  });

  test("a wrong password and an unknown email get the same generic message", async ({ page, make }) => {
    const student = await make.student();
    await page.goto("/sign-in");
    await submitSignIn(page, student.email, "not-the-password");
    await expect(page.getByTestId("form-error")).toHaveText(INVALID);

    await page.goto("/sign-in");
    await submitSignIn(page, uniqueEmail("nobody"), PASSWORD);
    await expect(page.getByTestId("form-error")).toHaveText(INVALID);

    await expect(page).toHaveURL(/\/sign-in$/);
    await expectSignedOut(page);
  });

  /**
   * The failures count per client address, and "localhost" may reach the server over ::1 on one
   * connection and 127.0.0.1 on the next: the throttle specs use one address throughout.
   */
  const onLoopback = (baseURL: string) => Object.assign(new URL(baseURL), { hostname: "127.0.0.1" }).origin;

  /** A raw post of the sign-in action from inside the browser: the same address as its form. */
  async function postSignInFromBrowser(page: Page, input: { email: string; password: string }): Promise<string> {
    const id = findServerAction("signInAction").id;
    return page.evaluate(
      async ({ id, body }) => {
        const headers = { "Next-Action": id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" };
        return (await fetch("/", { method: "POST", headers, body })).text();
      },
      { id, body: JSON.stringify([input]) },
    );
  }

  /**
   * Ten failures for one email within the window: the first and the tenth through the form, the
   * eight in between as raw posts of the same server action (quicker, and what a script would do).
   * The count is this email's from this browser's address, whatever the server took that to be.
   */
  async function failTenTimes(page: Page, email: string, db: DB, origin: string) {
    const count = async () =>
      (
        await db
          .select()
          .from(signInThrottle)
          .where(like(signInThrottle.key, accountKey(email, "%")))
      )[0];
    const failures = async () => (await count())?.failures;
    await page.goto(`${origin}/sign-in`);
    await submitSignIn(page, email, "wrong-1");
    await expect(page.getByTestId("form-error")).toHaveText(INVALID);
    for (let attempt = 2; attempt <= 9; attempt++) {
      expect(await postSignInFromBrowser(page, { email, password: `wrong-${attempt}` }), `attempt ${attempt}`).toContain(INVALID);
    }
    expect(await failures()).toBe(9);

    await submitSignIn(page, email, "wrong-10");
    await expect(page.getByTestId("form-error")).toHaveText(LOCKED);
    const lockedUntil = (await count())?.lockedUntil;
    const minutes = (lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  }

  test("ten failures lock an account's email from that address, and then even the right password is refused", async ({
    page,
    make,
    db,
    baseURL,
  }) => {
    const student = await make.student();
    const origin = onLoopback(baseURL!);
    await failTenTimes(page, student.email, db, origin);

    await page.goto(`${origin}/sign-in`);
    await submitSignIn(page, student.email, PASSWORD);
    await expect(page.getByTestId("form-error")).toHaveText(LOCKED);
    await expect(page).toHaveURL(/\/sign-in$/);
    await expectSignedOut(page);
    // Other accounts are not affected.
    const classmate = await make.student();
    await signInWithPassword(page, classmate.email);
    await expect(page).toHaveURL(/\/classes$/);
  });

  test("an email without an account is locked the same way", async ({ page, db, baseURL }) => {
    const email = uniqueEmail("ghost");
    const origin = onLoopback(baseURL!);
    await failTenTimes(page, email, db, origin);
    await page.goto(`${origin}/sign-in`);
    await submitSignIn(page, email, PASSWORD);
    await expect(page.getByTestId("form-error")).toHaveText(LOCKED);
    expect((await db.select().from(users).where(eq(users.email, email)))[0]).toBeUndefined();
  });

  test("a browser the owner signed in with before stays open to them while others' failures lock the account", async ({
    page,
    make,
    db,
    baseURL,
    newContext,
  }) => {
    const teacher = await make.teacher();
    const origin = onLoopback(baseURL!);
    // The teacher's own laptop signs in once (and gets the known-device cookie), then the session ends.
    const laptop = await (await newContext()).newPage();
    const signInOnLaptop = async () => {
      await laptop.goto(`${origin}/sign-in`);
      await waitForReady(laptop);
      await laptop.getByLabel("Email").fill(teacher.email);
      await laptop.getByLabel("Password").fill(PASSWORD);
      await laptop.getByRole("main").getByRole("button", { name: "Sign in" }).click();
      await expect(laptop).toHaveURL(/\/sections$/);
    };
    await signInOnLaptop();
    expect((await laptop.context().cookies()).map((c) => c.name)).toContain("recap-device");
    await laptop.context().clearCookies({ name: /session-token/ });

    // A student on the same network (same address) fails ten times: the account is locked for them.
    await failTenTimes(page, teacher.email, db, origin);
    await page.goto(`${origin}/sign-in`);
    await submitSignIn(page, teacher.email, PASSWORD);
    await expect(page.getByTestId("form-error")).toHaveText(LOCKED);

    // The laptop still signs in.
    await signInOnLaptop();
  });

  test("'Sign out on all devices' ends the session in every browser", async ({ page, make, db, newContext }) => {
    test.slow(); // two browsers and three sign-ins through the form
    const teacher = await make.teacher();
    const other = await (await newContext()).newPage();
    await signInWithPassword(page, teacher.email);
    await signInWithPassword(other, teacher.email);
    await other.goto("/sections");
    await expect(other.getByRole("heading", { level: 1, name: "My sections" })).toBeVisible();

    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out on all devices" }).click();
    await expect(page).toHaveURL(/\/sign-in\?signedOut=everywhere$/);
    await expect(page.getByRole("status").filter({ hasText: "You are signed out on every device." })).toBeVisible();
    expect((await db.select().from(users).where(eq(users.id, teacher.id)))[0]?.sessionVersion).toBe(teacher.sessionVersion + 1);

    // The other browser still holds its old cookie, but the server no longer accepts it.
    expect((await other.context().cookies()).some((c) => c.name.includes("session-token"))).toBe(true);
    await other.goto("/sections");
    await expect(other).toHaveURL(/\/sign-in\?callbackUrl=%2Fsections$/);

    // Signing in again works: the account is fine, only the old sessions ended.
    await signInWithPassword(other, teacher.email);
    await expect(other).toHaveURL(/\/sections$/);
  });

  test("changing the password: a wrong current password is refused beside the field, keeping the new one typed; the right one changes it and says so", async ({
    page,
    make,
  }) => {
    const student = await make.student();
    await signIn(page, student.email);
    await page.goto("/account/password");
    await waitForReady(page);
    const current = page.getByLabel("Current password");
    await current.fill("not my password at all");
    await page.getByLabel("New password", { exact: true }).fill("a brand new sentence");
    await page.getByLabel("New password again").fill("a brand new sentence");
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(current).toHaveAccessibleDescription("That isn't your current password.");
    await expect(page.getByLabel("New password again")).toHaveValue("a brand new sentence");

    await current.fill(PASSWORD);
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(page).toHaveURL(/\/classes$/);
    await expect(toast(page, "Your password was changed. Any other device signed in to your account was signed out.")).toBeVisible();
  });

  test("the demo teacher from the README signs in and sees the demo section", async ({ page }) => {
    await signInWithPassword(page, DEMO.teacher.email, DEMO.teacher.password);
    await expect(page).toHaveURL(/\/sections$/);
    const link = page.getByTestId("section-list").getByRole("link", { name: /Period 3 — Marketing/ });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page.getByRole("heading", { level: 1, name: "Period 3 — Marketing" })).toBeVisible();
    await expect(page.getByTestId("join-code")).toHaveText("MKTG-3PRD");
    await expect(page.getByRole("table", { name: "Students" }).getByRole("row")).toHaveCount(DEMO.enrolledCount + 1);
  });
});

test("behind HTTPS (X-Forwarded-Proto: https) the known-device cookie is Secure, as the session's is; over plain HTTP neither is", async ({
  make,
  newContext,
}) => {
  const teacher = await make.teacher();
  const signInId = findServerAction("signInAction").id;
  for (const https of [true, false]) {
    const context = await newContext();
    const response = await context.request.post("/sign-in", {
      headers: {
        "Next-Action": signInId,
        Accept: "text/x-component",
        "Content-Type": "text/plain;charset=UTF-8",
        ...(https ? { "X-Forwarded-Proto": "https" } : {}),
      },
      data: JSON.stringify([{ email: teacher.email, password: PASSWORD }]),
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(400);
    const cookies = await context.cookies();
    const device = cookies.find((c) => c.name === "recap-device");
    const session = cookies.find((c) => c.name.endsWith("authjs.session-token"));
    expect(device, `device cookie, https: ${https}`).toBeDefined();
    expect(session, `session cookie, https: ${https}`).toBeDefined();
    expect({ device: device!.secure, session: session!.secure }).toEqual({ device: https, session: https });
  }
});
