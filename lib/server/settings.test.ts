import { describe, expect, it } from "vitest";
import { settingsProblems } from "./settings";

const GOOD = { AUTH_SECRET: "a-secret-of-enough-length" };

describe("the app's settings, checked at start", () => {
  it("accept the defaults, and each documented way of setting them", () => {
    expect(settingsProblems({ ...GOOD })).toEqual([]);
    expect(
      settingsProblems({
        ...GOOD,
        DATABASE_URL: "postgres://recap@db.internal/recap",
        TEACHER_SIGNUP: "code",
        TEACHER_SIGNUP_CODE: "school-2026",
        STORAGE_URL: "s3://recap-images/school-a?endpoint=http://127.0.0.1:9000&forcePathStyle=true",
        RETENTION_DAYS: "400",
      }),
    ).toEqual([]);
  });

  it("name every problem at once: no secret, a SQLite address, a code mode without a code, a bad bucket", () => {
    const problems = settingsProblems({
      DATABASE_URL: "file:/srv/recap/app.db",
      TEACHER_SIGNUP: "code",
      STORAGE_URL: "s3://Recap_Images?endpoint=s3.internal",
    });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^AUTH_SECRET is not set/);
    expect(problems[1]).toMatch(/DATABASE_URL is for PostgreSQL only.*DATABASE_PATH/);
    expect(problems[2]).toMatch(/TEACHER_SIGNUP=code needs TEACHER_SIGNUP_CODE/);
    expect(problems[3]).toMatch(/^STORAGE_URL is not a valid object storage address/);
    expect(problems.join("\n")).not.toContain("Recap_Images"); // a value is never echoed back
  });

  it("include the other settings lib/env.ts reads", () => {
    expect(settingsProblems({ ...GOOD, RETENTION_DAYS: "a year" })).toEqual([expect.stringMatching(/RETENTION_DAYS/)]);
    expect(settingsProblems({ ...GOOD, TEACHER_SIGNUP: "sometimes" })).toEqual([expect.stringMatching(/TEACHER_SIGNUP must be one of/)]);
  });
});
