import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPENABLE_ROUTES, openableRoute, safeCallbackPath } from "./common";

// Where sign-in may send the reader, and where the page for a link followed from another site
// (app/continue) may lead. Sign-in's callbacks are also tested with their forms in app/(auth)/callback-url.test.ts.

const grades = "/sections/s1/assignments/a1/grades.csv";

describe("openableRoute", () => {
  it("accepts each of the app's downloads, images, recap slides and next-ungraded, with the page's own words for it", () => {
    expect(openableRoute(`${grades}?format=simple`)).toEqual({
      path: `${grades}?format=simple`,
      file: "the assignment's grades (grades.csv)",
    });
    expect(openableRoute("/sections/s1/roster.csv")?.file).toBe("the roster (roster.csv)");
    expect(openableRoute("/sections/s1/grades.csv")?.file).toBe("the section's grades (grades.csv)");
    expect(openableRoute("/sections/s1/erasures/r1/grades.csv")?.file).toBe("the grades of a student about to be erased (grades.csv)");
    expect(openableRoute("/sections/s1/assignments/a1/recap/2")?.file).toBe("a Class Recap slide (PNG)");
    expect(openableRoute("/sections/s1/assignments/a1/grade/u1/next-ungraded?after=x")?.file).toBe("the next work to grade");
    expect(openableRoute("/api/images/i1")?.file).toBe("a student's image");
    expect(openableRoute("/api/account/export")?.file).toBe("the export of your account's data");
    expect(openableRoute("/api/admin/students/u1/export")?.file).toBe("the export of a student's data");
  });

  it("gives the path as the router takes it: re-encoded, without a doubled or a trailing slash", () => {
    expect(openableRoute("/sections/s 1/roster.csv")?.path).toBe("/sections/s%201/roster.csv");
    expect(openableRoute("/sections/s1//roster.csv/")?.path).toBe("/sections/s1/roster.csv");
    // Matched as Next.js matches its routes, on the path as written: this one is no route there.
    expect(openableRoute("/sections/s1/roster%2Ecsv")).toBeUndefined();
  });

  it("refuses pages, routes that do not exist, Auth.js's own, other sites and what only looks like a path", () => {
    for (const value of [
      undefined,
      "",
      "/sections/s1",
      "/sections/s1/assignments/a1",
      "/api/x/reset-password-at-evil.example.com",
      "/sections/s1/free-answers.csv",
      "/api/auth/signout",
      "/api//auth/csrf",
      "/api/health",
      "/api/assignments/a1/images",
      "https://evil.example/sections/s1/roster.csv",
      "//evil.example/sections/s1/roster.csv",
      "/\t/evil.example/sections/s1/roster.csv",
      "/.//evil.example/sections/s1/roster.csv",
      "\\\\evil.example\\sections\\s1\\roster.csv",
      "/sections/%E0%A4%A/roster.csv",
      `/sections/${"a".repeat(2100)}/roster.csv`,
    ])
      expect(openableRoute(value), String(value)).toBeUndefined();
  });

  it("knows every route handler a reader can open: each GET route.ts under app/ but Auth.js's and the health check", () => {
    const app = path.join(process.cwd(), "app");
    const handlers = fs
      .readdirSync(app, { recursive: true, encoding: "utf8" })
      .filter(
        (file) =>
          file.endsWith(`${path.sep}route.ts`) &&
          /export const GET\b|export (async )?function GET\b/.test(fs.readFileSync(path.join(app, file), "utf8")),
      )
      .map((file) => `/${path.dirname(file).split(path.sep).join("/")}`.replace(/\[[^\]]+\]/g, "x"))
      .filter((route) => !/^\/api\/(auth|health)(\/|$)/.test(route))
      .sort();
    expect(handlers.length).toBeGreaterThanOrEqual(8);
    for (const route of handlers)
      expect(
        OPENABLE_ROUTES.filter((r) => r.route.test(route)),
        route,
      ).toHaveLength(1);
    expect(handlers.map((route) => OPENABLE_ROUTES.findIndex((r) => r.route.test(route))).sort()).toEqual(OPENABLE_ROUTES.map((_, i) => i));
  });
});

describe("safeCallbackPath", () => {
  it("refuses a route handler however its path is written: a trailing or doubled slash, or an encoded character", () => {
    for (const value of [
      "/sections/s1/roster.csv",
      "/sections/s1/roster.csv/",
      "/sections/s1//roster.csv",
      "/sections/s1/roster%2Ecsv",
      "/sections/s1/roster.csv%2F",
      "/sections/s1/roster.csv%3Fx",
      "/sections/s1/assignments/a1/recap/1%2F",
      "/sections/s1/assignments/a1/recap/2/",
      "/sections/s1/assignments/a1/grade/u1/next-ungraded/",
      "/api//images/i1",
    ])
      expect(safeCallbackPath(value), value).toBeUndefined();
  });

  it("still takes pages, and gives them as the router takes them", () => {
    expect(safeCallbackPath("/sections/s1?tab=roster")).toBe("/sections/s1?tab=roster");
    expect(safeCallbackPath("/sections/s1/")).toBe("/sections/s1");
    expect(safeCallbackPath("/")).toBe("/");
  });

  it("is the other half of the rule for openable routes: a path is one or the other, never both", () => {
    for (const value of ["/sections/s1", "/sections/s1/roster.csv", "/api/images/i1", "/classes", "/sections/s1/roster.csv/"]) {
      expect([safeCallbackPath(value), openableRoute(value)?.path].filter(Boolean), value).toHaveLength(1);
    }
  });
});
