import { eq } from "drizzle-orm";
import { enrollments, sections } from "../db/schema";
import { findServerAction, listServerActions, postAction, type ServerAction } from "./support/actions";
import { expect, signIn, test } from "./support/fixtures";
import type { APIRequestContext, Page } from "@playwright/test";

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should answer 404`).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
}

test.describe("pages", () => {
  test("a student gets the 404 page for teacher pages, even for a real section", async ({ page, make, consoleGuard }) => {
    consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
    const teacher = await make.teacher();
    const section = await make.section(teacher.id, { name: "Teachers only" });
    const student = await make.student();
    await make.enroll(section.id, student.id); // even the student's own class
    await signIn(page, student.email);

    await expectNotFound(page, "/sections");
    await expectNotFound(page, `/sections/${section.id}`);
    await expect(page.getByText("Teachers only")).toHaveCount(0);
    await expect(page.getByText(section.joinCode.slice(0, 4))).toHaveCount(0);
  });

  test("a teacher cannot open or change another teacher's section", async ({ page, make, db, consoleGuard }) => {
    consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
    const owner = await make.teacher();
    const intruder = await make.teacher();
    const student = await make.student();
    const section = await make.section(owner.id, { name: "Owner's section" });
    const enrollment = await make.enroll(section.id, student.id);
    await signIn(page, intruder.email);

    await expectNotFound(page, `/sections/${section.id}`);
    await expect(page.getByText("Owner's section")).toHaveCount(0);
    await page.goto("/sections");
    await expect(page.getByText("Owner's section")).toHaveCount(0);

    // Straight to the server actions with the intruder's session and the owner's ids.
    const attempts: [string, unknown][] = [
      ["renameSectionAction", { sectionId: section.id, name: "Hijacked", term: "" }],
      ["setArchivedAction", { sectionId: section.id, value: true }],
      ["setJoinEnabledAction", { sectionId: section.id, value: false }],
      ["regenerateJoinCodeAction", { sectionId: section.id }],
      ["setEnrollmentRemovedAction", { sectionId: section.id, enrollmentId: enrollment.id, removed: true }],
    ];
    for (const [name, input] of attempts) {
      const { body } = await postAction(page.request, findServerAction(name, "app/sections/actions.ts"), [input]);
      expect(body, name).not.toContain('"ok":true');
    }
    expect((await db.select().from(sections).where(eq(sections.id, section.id)))[0]).toEqual(section);
    expect((await db.select().from(enrollments).where(eq(enrollments.id, enrollment.id)))[0]).toEqual(enrollment);
  });

  test("the administrator's pages are a 404 to teachers and students; teacher and student pages are a 404 to the administrator", async ({
    page,
    make,
    newContext,
    consoleGuard,
  }) => {
    test.slow(); // fifteen pages in three sessions
    consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
    const { teacher, section, student, assignment } = await make.studentInClass();
    const admin = await make.admin();
    const adminPages = ["/admin", "/admin/accounts", "/admin/accounts?state=pending", `/admin/accounts/${student.id}`, "/admin/sections"];
    for (const who of [teacher, student]) {
      const other = await (await newContext()).newPage();
      await signIn(other, who.email);
      for (const path of adminPages) await expectNotFound(other, path);
      await expect(other.getByText(admin.email)).toHaveCount(0);
    }
    await signIn(page, admin.email);
    await expect(page).toHaveURL("/admin");
    for (const path of adminPages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
    }
    for (const path of [
      "/sections",
      `/sections/${section.id}`,
      `/sections/${section.id}/assignments/${assignment.id}/grade/${student.id}`,
      "/classes",
      `/assignments/${assignment.id}`,
    ])
      await expectNotFound(page, path);
  });

  test("anonymous visitors are sent to sign-in and come back after signing in", async ({ page, make }) => {
    const teacher = await make.teacher();
    const section = await make.section(teacher.id, { name: "Come back here" });
    for (const path of ["/sections", "/classes", "/account", `/sections/${section.id}`]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
    }
    await page.getByLabel("Email").fill(teacher.email);
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`/sections/${section.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Come back here" })).toBeVisible();
  });
});

// Here, not in hostile-input.spec.ts: that spec's project runs after all the others, and a test
// tagged @scale there makes the scale-out run take every other project's tests along.
test(
  "an address with a NUL character (%00) where an id goes gets the 404 page on either database; the real address opens",
  { tag: "@scale" },
  async ({ page, make, consoleGuard }) => {
    // PostgreSQL refuses a NUL in a query parameter: each of these was a 500 there, a 404 on SQLite.
    consoleGuard.allow(/status of 404/);
    const teacher = await make.teacher();
    const section = await make.section(teacher.id, { name: "Edge Section" });
    const assignment = await make.assignment(section.id);
    const student = await make.student();
    await make.enroll(section.id, student.id);
    await signIn(page, teacher.email);
    const pages = ["", "/setup", "/lesson", "/discussion", "/analytics", "/recap", `/grade/${student.id}`, `/students/${student.id}`];
    const real = `/sections/${section.id}/assignments/${assignment.id}`;
    // One opened in the browser shows the 404 page; the rest are fetched with the same session (a
    // browser's page load each would take most of the test's time on a busy machine).
    const response = await page.goto("/sections/%00");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    for (const pathname of [
      ...pages.map((tail) => `/sections/%00/assignments/%00${tail}`),
      ...pages.map((tail) => `${real}%00${tail}`),
      `${real}/grade/${student.id}%00`,
      `${real}/students/%00`,
    ]) {
      const answer = await page.request.get(pathname);
      expect(answer.status(), pathname).toBe(404);
      expect(await answer.text(), pathname).toContain("Page not found");
    }
    for (const tail of pages) {
      const answer = await page.request.get(`${real}${tail}`);
      expect(answer.status(), tail).toBe(200);
    }
    expect((await page.request.get(`${real}%00/grades.csv`)).status()).toBe(404);
    expect((await page.request.get(`${real}/grades.csv`)).status()).toBe(200);
    await signIn(page, student.email);
    expect((await page.goto(`/assignments/${assignment.id}%00`))?.status()).toBe(404);
    expect((await page.goto(`/assignments/${assignment.id}`))?.status()).toBe(200);
  },
);

test("public endpoints: the health check and the favicon answer", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true });
  // Browsers ask for /favicon.ico on their own; a 404 there is noise in every log and console.
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\//);
});

/**
 * Every server action in the build, classified by who may call it. Public and any-signed-in-user
 * actions are allow-listed by name; role-only actions are recognised by the folder of their file.
 * An action in any other folder must still refuse at least one of the two roles, so a new action
 * that checks nothing fails this spec until someone decides, here, who may call it.
 */
// Signing out only clears the caller's own cookie (app/account/actions.ts), so it needs no session.
const PUBLIC_ACTIONS = ["signInAction", "signUpAction", "signOutAction"];
const ANY_USER_ACTIONS = ["signOutEverywhereAction", "changePasswordAction"];
const ROLE_BY_FOLDER: [prefix: string, role: "teacher" | "student" | "admin"][] = [
  ["app/admin/", "admin"],
  ["app/sections/", "teacher"],
  ["app/join/", "student"],
  ["app/assignments/", "student"],
  ["app/classes/", "student"],
];
const KNOWN = [
  ...PUBLIC_ACTIONS,
  ...ANY_USER_ACTIONS,
  "createSectionAction",
  "renameSectionAction",
  "setArchivedAction",
  "setJoinEnabledAction",
  "regenerateJoinCodeAction",
  "setEnrollmentRemovedAction",
  "acknowledgeErasureAction",
  "joinSectionAction",
  "answerInvitationAction",
  "cancelInvitationAction",
  "setAccountActiveAction",
  "renameAccountAction",
  "oneTimePasswordAction",
  "changeRoleAction",
  "decideApprovalAction",
  "transferSectionAction",
  "scheduleErasureAction",
  "cancelErasureAction",
  "eraseStudentAction",
];

type Access = "public" | "user" | "teacher" | "student" | "admin" | "unclassified";
function accessOf(action: ServerAction): Access {
  if (PUBLIC_ACTIONS.includes(action.exportedName)) return "public";
  if (ANY_USER_ACTIONS.includes(action.exportedName)) return "user";
  return ROLE_BY_FOLDER.find(([prefix]) => action.filename.startsWith(prefix))?.[1] ?? "unclassified";
}

/** What a raw POST of the action answers: its refusal code, "ok", or "other". */
async function outcome(request: APIRequestContext, action: ServerAction) {
  const { response, body } = await postAction(request, action, [{}]);
  if (body.includes('"ok":true')) return "ok";
  const code = /"code":"(\w+)"/.exec(body)?.[1];
  return response.status() === 200 && code ? code : `other (HTTP ${response.status()})`;
}

test.describe("server actions refuse callers who may not use them", () => {
  const actions = listServerActions();
  const label = (a: ServerAction) => `${a.filename}#${a.exportedName}`;

  test("the action list comes from the build and holds the known actions", () => {
    expect(actions.length).toBeGreaterThanOrEqual(KNOWN.length);
    expect(actions.map((a) => a.exportedName)).toEqual(expect.arrayContaining(KNOWN));
    expect(
      actions
        .filter((a) => accessOf(a) === "public")
        .map((a) => a.exportedName)
        .sort(),
    ).toEqual([...PUBLIC_ACTIONS].sort());
  });

  test("anonymous: every non-public action answers unauthenticated", async ({ request }) => {
    const guarded = actions.filter((a) => accessOf(a) !== "public");
    expect(guarded.length).toBeGreaterThanOrEqual(KNOWN.length - PUBLIC_ACTIONS.length);
    const answers: Record<string, string> = {};
    for (const action of guarded) answers[label(action)] = await outcome(request, action);
    expect(answers).toEqual(Object.fromEntries(guarded.map((a) => [label(a), "unauthenticated"])));
  });

  test("signed in: role-only actions answer not_found to every other role, as if they did not exist", async ({
    page,
    make,
    newContext,
  }) => {
    const student = await make.student();
    const teacher = await make.teacher();
    const admin = await make.admin();
    const teacherPage = await (await newContext()).newPage();
    const adminPage = await (await newContext()).newPage();
    await signIn(page, student.email);
    await signIn(teacherPage, teacher.email);
    await signIn(adminPage, admin.email);
    const as = { student: page.request, teacher: teacherPage.request, admin: adminPage.request };

    const roleOnly = actions.filter((a) => !["public", "user"].includes(accessOf(a)));
    expect(roleOnly.map((a) => a.exportedName)).toEqual(expect.arrayContaining(["renameSectionAction", "joinSectionAction"]));
    const answers: Record<string, string> = {};
    const expected: Record<string, string> = {};
    // Each action's calls, one per role, go at once: one after another they took most of the test's
    // 30 s on a busy machine.
    const of = (action: (typeof roleOnly)[number], ...roles: (keyof typeof as)[]) =>
      Promise.all(roles.map((role) => outcome(as[role], action)));
    for (const action of roleOnly) {
      const access = accessOf(action);
      if (access === "admin") {
        const [student, teacher] = await of(action, "student", "teacher");
        answers[label(action)] = `student: ${student}, teacher: ${teacher}`;
        expected[label(action)] = "student: not_found, teacher: not_found";
      } else if (access === "teacher") {
        // Paired: the teacher's own call gets past the wrapper, to the input check ({} is no action's input).
        const [student, admin, teacher] = await of(action, "student", "admin", "teacher");
        answers[label(action)] = `student: ${student}, admin: ${admin}, teacher: ${teacher}`;
        expected[label(action)] = "student: not_found, admin: not_found, teacher: invalid";
      } else if (access === "student") {
        const [teacher, admin, student] = await of(action, "teacher", "admin", "student");
        answers[label(action)] = `teacher: ${teacher}, admin: ${admin}, student: ${student}`;
        expected[label(action)] = "teacher: not_found, admin: not_found, student: invalid";
      } else {
        // Not classified yet: it must be closed to one of the two roles and open (to its input check) to the other.
        const [s, t] = await of(action, "student", "teacher");
        answers[label(action)] =
          (s === "not_found" && t === "invalid") || (t === "not_found" && s === "invalid")
            ? "refuses a role"
            : `student: ${s}, teacher: ${t}`;
        expected[label(action)] = "refuses a role";
      }
    }
    expect(answers).toEqual(expected);
    // Paired: the administrator's own call gets past the wrapper (to the input check).
    const adminAction = roleOnly.find((a) => a.exportedName === "setAccountActiveAction")!;
    expect(await outcome(as.admin, adminAction)).toBe("invalid");
  });
});
