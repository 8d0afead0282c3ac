import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { TokenClaims } from "@/lib/server/auth";
import { user } from "@/lib/test/factories";
import { CALLBACK_ORIGIN, callbackUrlSchema, safeCallbackPath } from "@/lib/validations/common";

/**
 * Every place that takes a callback (the schema, the pages that read ?callbackUrl=, the actions
 * that redirect after sign-in, sign-up and a password change) gets the same hostile corpus, and
 * every Location that comes out must keep the browser on the app.
 */

let claims: TokenClaims | null = null;
const signIn = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock("@/lib/server/auth", () => ({
  auth: async () => (claims ? { claims } : null),
  signIn,
  endSessionOf: async () => undefined,
  INVALID_CREDENTIALS: "Email or password is incorrect.",
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
// The password check itself is the throttle's business (db/queries/accounts.test.ts); here only the redirect matters.
vi.mock("@/db/queries/accounts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/queries/accounts")>()),
  changePassword: vi.fn(async () => undefined),
}));

const { signInAction, signUpAction } = await import("./actions");
const { changePasswordAction } = await import("@/app/account/actions");
const { default: SignInPage } = await import("./sign-in/page");
const { default: SignUpPage } = await import("./sign-up/page");
const { default: ChangePasswordPage } = await import("@/app/account/password/page");
const { SignInForm } = await import("./sign-in/sign-in-form");
const { SignUpForm } = await import("./sign-up/sign-up-form");
const { ChangePasswordForm } = await import("@/components/account/change-password-form");
const { pageUser } = await import("@/lib/server/authz");

const EVIL = undefined;
/** [what arrives (already decoded by Next, or posted raw to an action), what the app may redirect to]. */
const CORPUS: [unknown, string | undefined][] = [
  ["/sections", "/sections"],
  ["/join/MKTG3PRD?from=link#top", "/join/MKTG3PRD?from=link#top"],
  ["/\t/evil.example", EVIL],
  ["/\t\\evil.example", EVIL],
  ["/\n/evil.example", EVIL],
  ["/\r\n/evil.example", EVIL],
  ["\t//evil.example", EVIL],
  ["/sections\r\nSet-Cookie: a=b", "/sectionsSet-Cookie:%20a=b"],
  ["/\\evil.example", EVIL],
  ["\\\\evil.example", EVIL],
  ["/\\/evil.example", EVIL],
  ["//evil.example", EVIL],
  ["///evil.example", EVIL],
  ["/.//evil.example", EVIL],
  ["/sections/..//evil.example", EVIL],
  // Still encoded when they arrive (the link encoded them twice): plain paths on the app.
  ["/%09/evil.example", "/%09/evil.example"],
  ["/%5Cevil.example", "/%5Cevil.example"],
  ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ["/%2f/evil.example", "/%2f/evil.example"],
  ["/é?q=ü#ß", "/%C3%A9?q=%C3%BC#%C3%9F"],
  ["/😀", "/%F0%9F%98%80"],
  ["/\u00ff", "/%C3%BF"],
  ["/\ufffd", "/%EF%BF%BD"],
  ["/\ud800", "/%EF%BF%BD"],
  ["/a\u0000b\u007f", "/a%00b%7F"],
  ['/a b"<>`', "/a%20b%22%3C%3E%60"],
  ["https://evil.example/sections", EVIL],
  ["http://localhost:3000/sections", EVIL],
  // A scheme-relative "http:" URL is, for a browser on an http page, a path on the same site.
  ["HTTP:evil.example", "/evil.example"],
  ["https:evil.example", EVIL],
  ["javascript:alert(document.cookie)", EVIL],
  ["JaVaScRiPt:alert(1)", EVIL],
  ["\tjavascript:alert(1)", EVIL],
  ["data:text/html,<script>alert(1)</script>", EVIL],
  ["", EVIL],
  ["   ", EVIL],
  [`/${"x".repeat(5000)}`, EVIL],
  [["/classes", "//evil.example"], "/classes"],
  [["//evil.example", "/classes"], EVIL],
  [[], EVIL],
  [42, EVIL],
  [{ href: "/sections" }, EVIL],
];

const APP = "http://app.test";
/** A Location a browser would follow without leaving the app, and a valid header value. */
function expectStaysOnApp(location: string) {
  expect(location).toMatch(/^\/[\x21-\x7e]*$/);
  expect(location.startsWith("//")).toBe(false);
  expect(new URL(location, APP).origin).toBe(APP);
}

async function redirectOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (isRedirectError(error)) return getURLFromRedirectError(error);
    throw error;
  }
  throw new Error("expected a redirect");
}

/** The props of the first element of this component in a rendered tree. */
function propsOf<P>(tree: ReactNode, component: (props: P) => unknown): P {
  const found: P[] = [];
  const walk = (node: ReactNode) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isValidElement(node)) {
      const element = node as ReactElement<{ children?: ReactNode }>;
      if (element.type === component) found.push(element.props as P);
      walk(element.props.children);
    }
  };
  walk(tree);
  if (!found[0]) throw new Error(`${component.name} not rendered`);
  return found[0];
}

const search = (callbackUrl: unknown) => Promise.resolve({ callbackUrl } as { callbackUrl?: string });
const signedIn = async (role: "teacher" | "student") => {
  const { row } = await user(role);
  claims = { uid: row.id, role, sv: row.sessionVersion, sid: crypto.randomUUID(), st: Math.floor(Date.now() / 1000) };
  return row;
};
const home = { teacher: "/sections", student: "/classes" };

describe.each(CORPUS)("callback %j", (given, expected) => {
  beforeEach(() => {
    claims = null;
  });

  it("parses to a path on the app, the same on a second parse (the browser's, then the server's)", () => {
    const parsed = callbackUrlSchema.parse(given);
    expect(parsed).toBe(expected);
    if (parsed !== undefined) {
      expectStaysOnApp(parsed);
      expect(callbackUrlSchema.parse(parsed)).toBe(parsed);
    }
  });

  it("is what the sign-in, sign-up and password pages pass on, and where they send a signed-in visitor", async () => {
    const signInPage = await SignInPage({ searchParams: search(given) });
    expect(propsOf(signInPage, SignInForm).callbackUrl).toBe(expected);
    const signUpPage = await SignUpPage({ searchParams: search(given) });
    expect(propsOf(signUpPage, SignUpForm).callbackUrl).toBe(expected);

    await signedIn("student");
    const password = await ChangePasswordPage({ searchParams: search(given) });
    expect(propsOf(password, ChangePasswordForm).callbackUrl).toBe(expected);
    for (const page of [SignInPage, SignUpPage]) {
      const location = await redirectOf(() => page({ searchParams: search(given) }));
      expectStaysOnApp(location);
      expect(location).toBe(expected ?? home.student);
    }
  });

  it("is what a protected page hands to sign-in", async () => {
    if (typeof given !== "string") return;
    const location = await redirectOf(() => pageUser(undefined, given));
    expectStaysOnApp(location);
    expect(location).toBe(expected ? `/sign-in?callbackUrl=${encodeURIComponent(expected)}` : "/sign-in");
  });

  it("is where the sign-in, sign-up and password-change actions redirect", async () => {
    const cases = [
      () => signInAction({ email: "someone@unit.test", password: "whatever", callbackUrl: given as string }),
      () =>
        signUpAction({
          name: "New",
          email: `cb${crypto.randomUUID()}@unit.test`,
          password: "a-long-password",
          role: "teacher",
          callbackUrl: given as string,
        }),
    ];
    for (const run of cases) {
      const location = await redirectOf(run);
      expectStaysOnApp(location);
      expect(location).toBe(expected ?? (run === cases[0] ? "/home" : home.teacher));
    }
    await signedIn("teacher");
    const location = await redirectOf(() =>
      changePasswordAction({
        currentPassword: "old-password",
        newPassword: "new-password",
        confirmPassword: "new-password",
        callbackUrl: given as string,
      }),
    );
    expectStaysOnApp(location);
    expect(location).toBe(expected ?? home.teacher);
  });
});

describe("safeCallbackPath", () => {
  it("accepts a full URL only on the origin it is given, and returns just its path", () => {
    expect(safeCallbackPath("http://app.test/sections?x=1#y", APP)).toBe("/sections?x=1#y");
    expect(safeCallbackPath("http://app.test.evil.example/sections", APP)).toBeUndefined();
    expect(safeCallbackPath("https://app.test/sections", APP)).toBeUndefined();
    expect(safeCallbackPath(`${CALLBACK_ORIGIN}/sections`)).toBe("/sections");
  });
});
