import type { APIResponse, Page } from "@playwright/test";
import { findServerAction, postAction } from "./support/actions";
import { expect, PASSWORD, signIn, test } from "./support/fixtures";
import { waitForReady } from "./support/ui";

// Where sign-in sends people afterwards (?callbackUrl=), over real HTTP: hostile values must never
// produce a Location that leaves the app, nor a 500; a good one must still be followed.

/** Query-string values as an attacker would put them in a link (already percent-encoded). */
const HOSTILE = [
  "/%09/evil.example",
  "/%09%5Cevil.example",
  "/%0D%0A/evil.example",
  "%2F%2Fevil.example",
  "/%5C/evil.example",
  "/.//evil.example",
  "https%3A%2F%2Fevil.example%2F",
  "javascript:alert(1)",
  "/%FF",
  "/%01x",
  "/%C4%80",
  "/%F0%9F%98%80",
];

/** A redirect that keeps the browser on this app, with a Location that is a valid header value. */
function expectStaysHere(location: string | undefined, base: string) {
  expect(location).toBeDefined();
  expect(location!).toMatch(/^\/[\x21-\x7e]*$/);
  expect(new URL(location!, base).origin).toBe(new URL(base).origin);
}

async function expectRedirect(response: APIResponse, base: string): Promise<string> {
  expect(response.status(), response.url()).toBe(307);
  const location = response.headers().location;
  expectStaysHere(location, base);
  return location!;
}

test("a signed-in visit to /sign-in follows a good callback and never leaves the app for a hostile one", async ({
  page,
  make,
  baseURL,
}) => {
  const student = await make.student();
  await signIn(page, student.email);
  const get = (query: string) => page.request.get(`/sign-in?${query}`, { maxRedirects: 0 });

  expect(await expectRedirect(await get("callbackUrl=%2Fsections"), baseURL!)).toBe("/sections");
  expect(await expectRedirect(await get("callbackUrl=%2Fjoin%2FABC%3Fx%3D%C3%A9"), baseURL!)).toBe("/join/ABC?x=%C3%A9");
  for (const value of HOSTILE) {
    const location = await expectRedirect(await get(`callbackUrl=${value}`), baseURL!);
    expect(location, value).not.toContain("evil");
  }
  // A download is no page to land on, however its path is written: Next.js answers "roster.csv/" and
  // "s1//roster.csv" with a redirect to the download itself.
  for (const value of ["%2Fsections%2Fs1%2Froster.csv%2F", "%2Fsections%2Fs1%2F%2Froster.csv", "%2Fsections%2Fs1%2Froster%252Ecsv"]) {
    expect(await expectRedirect(await get(`callbackUrl=${value}`), baseURL!), value).toBe("/classes");
  }
  // The parameter twice: the first counts.
  expect(await expectRedirect(await get("callbackUrl=%2F%09%2Fevil.example&callbackUrl=%2Fsections"), baseURL!)).toBe("/classes");
  expect(await expectRedirect(await get("callbackUrl=%2Faccount&callbackUrl=%2F%2Fevil.example"), baseURL!)).toBe("/account");
});

test("anonymous visitors get the sign-in page, not a 500, whatever the callback", async ({ request }) => {
  for (const query of ["callbackUrl=/a&callbackUrl=/b", "callbackUrl=%FF", "callbackUrl=/%01", "callbackUrl=/%C4%80"]) {
    for (const path of ["/sign-in", "/sign-up"]) {
      const response = await request.get(`${path}?${query}`, { maxRedirects: 0 });
      expect(response.status(), `${path}?${query}`).toBe(200);
    }
  }
});

/** Submits the sign-in form on /sign-in?callbackUrl=…; returns where the server action said to go. */
async function signInThroughForm(page: Page, email: string, query: string): Promise<string | undefined> {
  await page.goto(`/sign-in?${query}`);
  await waitForReady(page);
  const main = page.getByRole("main");
  await main.getByLabel("Email").fill(email);
  await main.getByLabel("Password").fill(PASSWORD);
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await main.getByRole("button", { name: "Sign in" }).click();
  return (await answered).headers()["x-action-redirect"]?.split(";")[0];
}

test("after the sign-in form, a good callback is followed and a hostile one goes home instead", async ({
  page,
  make,
  baseURL,
  newContext,
}) => {
  test.slow(); // four browsers, each signing in through the form (a deliberate, slow hash)
  const teacher = await make.teacher();
  expect(await signInThroughForm(page, teacher.email, "callbackUrl=%2Faccount")).toBe("/account");
  await expect(page).toHaveURL(/\/account$/);

  for (const value of ["/%09/evil.example", "/%09%5Cevil.example", "%2F%2Fevil.example&callbackUrl=%2Faccount"]) {
    const fresh = await (await newContext()).newPage();
    const target = await signInThroughForm(fresh, teacher.email, `callbackUrl=${value}`);
    expect(target, value).toBe("/home");
    await expect(fresh).toHaveURL(/\/sections$/);
    expect(new URL(fresh.url()).origin).toBe(new URL(baseURL!).origin);
  }
});

test("a raw post of the sign-in action with a hostile callback is redirected home, never to a 500", async ({ request, make }) => {
  const teacher = await make.teacher();
  const action = findServerAction("signInAction");
  const cases: [unknown, string][] = [
    ["/\t/evil.example", "/home"],
    ["/\t\\evil.example", "/home"],
    [["//evil.example", "/account"], "/home"],
    [{ toString: "/account" }, "/home"],
    // Line breaks dropped and the rest percent-encoded, as a browser would: a path on this app.
    ["/\u00ff\r\n", "/%C3%BF"],
  ];
  for (const [callbackUrl, expected] of cases) {
    const { response } = await postAction(request, action, [{ email: teacher.email, password: PASSWORD, callbackUrl }]);
    expect(response.status(), JSON.stringify(callbackUrl)).toBeLessThan(500);
    expect(response.headers()["x-action-redirect"]?.split(";")[0], JSON.stringify(callbackUrl)).toBe(expected);
  }
});
