import {
  test as base,
  expect,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  type Page,
  type Request,
} from "@playwright/test";
import { eq } from "drizzle-orm";
import { openDatabase, type DB } from "../../db";
import { users } from "../../db/schema";
import { E2E_AUTH_SECRET } from "./server-env";
import { E2E_INSTANCES } from "./stack";
import { enroll, makeAssignment, makeSection, makeSubmission, makeUser } from "../../db/factories";
import { hashPassword } from "../../lib/password";
import { mintSessionCookie, SESSION_COOKIE } from "../../lib/test/session-cookie";
import { SignInForm } from "./pages/sign-in";

/**
 * Tests build their own data through the same factories as the demo seed, straight into the
 * test server's database (WAL lets both processes use it), with unique e-mails per test.
 */

export const PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | undefined;

let counter = 0;
export function uniqueEmail(prefix: string) {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@e2e.test`;
}

function factories(db: DB) {
  const user = async (role: "teacher" | "student" | "admin", name?: string) => {
    passwordHash ??= hashPassword(PASSWORD);
    const email = uniqueEmail(role);
    return await makeUser(db, {
      role,
      email,
      name: name ?? `${role === "teacher" ? "Teacher" : role === "admin" ? "Admin" : "Student"} ${counter}`,
      passwordHash: await passwordHash,
    });
  };
  return {
    teacher: async (name?: string) => await user("teacher", name),
    student: async (name?: string) => await user("student", name),
    admin: async (name?: string) => await user("admin", name),
    section: async (teacherId: string, overrides: Partial<Parameters<typeof makeSection>[1]> = {}) =>
      await makeSection(db, { teacherId, name: `Section ${++counter}`, ...overrides }),
    enroll: async (sectionId: string, studentId: string) => await enroll(db, { sectionId, studentId }),
    /** The built-in lesson, due in a week unless overridden (dueAt, acceptLate, closeAt, title, …). */
    assignment: async (sectionId: string, overrides: Omit<Parameters<typeof makeAssignment>[1], "sectionId"> = {}) =>
      await makeAssignment(db, { sectionId, ...overrides }),
    /** A student's work: draft, images (see support/images.ts `storedImage`) and one attempt per submit time. */
    submission: async (input: Parameters<typeof makeSubmission>[1]) => await makeSubmission(db, input),
    /** A teacher's section with one enrolled student and the built-in lesson assigned (due in a week). */
    async studentInClass() {
      const teacher = await this.teacher();
      const section = await this.section(teacher.id);
      const student = await this.student();
      await this.enroll(section.id, student.id);
      return { teacher, section, student, assignment: await this.assignment(section.id) };
    },
  };
}

/** The `make` fixture: users, sections, enrollments, assignments and submissions. */
export type Make = ReturnType<typeof factories>;

/**
 * Console guard (in the spirit of the Epic Stack's): any `console.error` in the browser or any
 * uncaught page error fails the test, because a feature that "works" while throwing in the
 * console is usually half broken (hydration mismatches, failed client fetches, React warnings).
 *
 * The one expected kind of noise is a resource load a test triggers on purpose, e.g. opening a
 * page that must answer 404: Chromium logs "Failed to load resource: … status of 404". Such a
 * test calls `consoleGuard.allow(/status of 404/)` first; nothing is allowed by default.
 *
 * It also fails a test whose pages load anything from another host (ADR 011: no third parties),
 * reported as "request to another origin"; a test that injects such a load allows that.
 *
 * The default `page`/`context` are watched automatically; a context made with the `newContext`
 * fixture is watched too.
 */
type ConsoleGuard = {
  allow(pattern: RegExp): void;
  watch(context: BrowserContext): void;
};

type Fixtures = {
  make: ReturnType<typeof factories>;
  consoleGuard: ConsoleGuard;
  /** A second, independent browser (own cookies), watched by the console guard and closed after the test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
};
type WorkerFixtures = { db: DB };

export const test = base.extend<Fixtures, WorkerFixtures>({
  db: [
    async ({}, use) => {
      const database = await openDatabase(process.env.DATABASE_PATH);
      await use(database.writer);
      await database.close();
    },
    { scope: "worker" },
  ],
  make: async ({ db }, use) => {
    await use(factories(db));
  },
  consoleGuard: [
    async ({ context, baseURL }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      const onConsole = (message: ConsoleMessage) => {
        if (message.type() !== "error") return;
        const where = message.page()?.url() ?? "?";
        const source = message.location().url; // for a failed load, the resource that failed
        problems.push(`console.error on ${where}: ${message.text()}${source && source !== where ? ` [${source}]` : ""}`);
      };
      const onPageError = (error: Error) => problems.push(`uncaught page error: ${error.stack ?? error.message}`);
      // No third parties (ADR 011): every request a page or its workers make stays on this machine
      // (data: and blob: are the page's own bytes), whether or not the policy then stops it.
      // The app: its host and loopback addresses (some tests sign in from 127.0.0.1), on the ports
      // of this run's instances only; another port of this machine is another origin.
      const app = new URL(baseURL!);
      const hosts = new Set([app.hostname, "localhost", "127.0.0.1", "[::1]"]);
      const ports = new Set([app.port, ...E2E_INSTANCES.map((instance) => String(instance.port))]);
      const onRequest = (request: Request) => {
        const url = new URL(request.url());
        if (url.protocol !== "data:" && url.protocol !== "blob:" && !(hosts.has(url.hostname) && ports.has(url.port)))
          problems.push(`request to another origin: ${request.resourceType()} ${request.url()}`);
      };
      const watch = (ctx: BrowserContext) => {
        ctx.on("console", onConsole);
        ctx.on("weberror", (webError) => onPageError(webError.error()));
        ctx.on("request", onRequest);
      };
      watch(context);
      await use({ allow: (pattern) => allowed.push(pattern), watch });
      const unexpected = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
      expect(unexpected, "the browser logged errors during this test").toEqual([]);
    },
    { auto: true },
  ],
  newContext: async ({ browser, baseURL, viewport, consoleGuard }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, viewport, ...options });
      consoleGuard.watch(context);
      contexts.push(context);
      return context;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };

/** Signs in through the real form, as a person would, and waits for the page it lands on. */
export async function signInWithPassword(page: Page, email: string, password = PASSWORD) {
  const form = new SignInForm(page);
  await form.open();
  await form.signIn(email, password);
  // Sign-in goes to /home, which redirects to /sections or /classes: wait for the end of that.
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in") && url.pathname !== "/home");
}

// The worker's own connection, for looking up whom to sign in as.
let lookup: DB | undefined;

/**
 * Signs in as the user with this email without the form (whose own specs are in auth.spec.ts):
 * mints the session cookie Auth.js itself would set, with the same claims, then opens the role's
 * home page. Seconds faster per test, and nothing to wait for but one page load.
 */
export async function signIn(page: Page, email: string) {
  lookup ??= (await openDatabase(process.env.DATABASE_PATH)).db;
  const user = (await lookup.select().from(users).where(eq(users.email, email.toLowerCase())))[0];
  if (!user) throw new Error(`no user ${email} to sign in as`);
  const value = await mintSessionCookie(E2E_AUTH_SECRET, user);
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: SESSION_COOKIE, value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  await page.goto("/home");
  await page.waitForURL((url) => url.pathname !== "/home");
}

/**
 * Every text field on screen is at least 16 px: iOS Safari zooms the page into a smaller one when it
 * takes the focus, and a student then pinches back out before every answer.
 */
export async function expectNoZoomingFields(page: Page) {
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("input, textarea, select"))
      .filter(
        (el) =>
          el.checkVisibility() &&
          !["checkbox", "radio", "range", "file", "hidden", "submit", "button"].includes((el as HTMLInputElement).type),
      )
      .map((el) => ({
        field: el.id || el.getAttribute("aria-label") || el.outerHTML.slice(0, 80),
        px: parseFloat(getComputedStyle(el).fontSize),
      }))
      .filter((f) => f.px < 16),
  );
  expect(small, `fields under 16 px on ${page.url()}`).toEqual([]);
}

/**
 * The page is no wider than the screen: nothing to scroll sideways on a phone. Compared with the
 * configured viewport as well as `innerWidth`, because mobile Chromium zooms out to fit a page that
 * overflows, and then `innerWidth` grows to the page's width and would hide the problem.
 */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  const screenWidth = Math.min(innerWidth, page.viewportSize()?.width ?? innerWidth);
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide on a ${screenWidth}px screen`).toBeLessThanOrEqual(screenWidth);
}
