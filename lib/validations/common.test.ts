import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRouteHandlerPath } from "./common";

// Where the page for a link followed from another site (app/continue) may lead. Sign-in's callbacks,
// the other half of the same rule, are tested with their forms in app/(auth)/callback-url.test.ts.
describe("safeRouteHandlerPath", () => {
  it("accepts the app's downloads, images, recap slides and next-ungraded, re-serialized", () => {
    for (const path of [
      "/sections/s1/assignments/a1/grades.csv?format=simple",
      "/sections/s1/roster.csv",
      "/api/assignments/a1/images/i1",
      "/sections/s1/assignments/a1/recap/2",
      "/sections/s1/assignments/a1/next-ungraded?after=x",
    ])
      expect(safeRouteHandlerPath(path), path).toBe(path);
    expect(safeRouteHandlerPath("/sections/s 1/roster.csv")).toBe("/sections/s%201/roster.csv");
  });

  it("refuses pages, Auth.js's own routes, other sites and what only looks like a path", () => {
    for (const value of [
      undefined,
      "",
      "/sections/s1",
      "/sections/s1/assignments/a1",
      "/api/auth/signout",
      "/api/auth",
      "https://evil.example/grades.csv",
      "//evil.example/grades.csv",
      "/\t/evil.example/grades.csv",
      "/.//evil.example/x.csv",
      "\\\\evil.example\\x.csv",
      "javascript:alert(1)//.csv",
      `/${"a".repeat(2100)}.csv`,
    ])
      expect(safeRouteHandlerPath(value), String(value)).toBeUndefined();
  });

  it("is the other half of the callback rule: a path is one or the other, never both", () => {
    for (const path of ["/sections/s1", "/sections/s1/roster.csv", "/api/assignments/a1/images/i1", "/classes"]) {
      expect([safeCallbackPath(path), safeRouteHandlerPath(path)].filter(Boolean), path).toEqual([path]);
    }
  });
});
