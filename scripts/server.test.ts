import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * scripts/server.mjs, the command each instance runs: with settings that cannot work it stops
 * before it listens, naming each problem (it used to report ready, its health check answering 200,
 * and fail the first sign-up page or upload that needed the setting).
 */
describe("the server's start", () => {
  it("stops with every problem in its settings named, before it listens", () => {
    const { AUTH_SECRET: _secret, DATABASE_URL: _url, STORAGE_URL: _storage, ...inherited } = process.env;
    const started = spawnSync(process.execPath, [path.join(process.cwd(), "scripts/server.mjs")], {
      env: { ...inherited, PORT: "3799", TEACHER_SIGNUP: "code", TEACHER_SIGNUP_CODE: "", STORAGE_URL: "s3://Recap_Images" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(started.status).toBe(1);
    expect(started.stdout).not.toContain("ready");
    expect(started.stderr).toContain("Recap Classroom cannot start:");
    expect(started.stderr).toContain("- AUTH_SECRET is not set");
    expect(started.stderr).toContain("- Configuration: TEACHER_SIGNUP=code needs TEACHER_SIGNUP_CODE");
    expect(started.stderr).toContain("- STORAGE_URL is not a valid object storage address");
  });
});
