import { InvalidCheck, JWTSessionError, MissingCSRF, UnknownAction } from "@auth/core/errors";
import { CredentialsSignin } from "next-auth";
import { describe, expect, it } from "vitest";
import { logAuthError } from "./auth-log";

function logged(error: Error) {
  const lines: { level: "warn" | "error"; args: unknown[] }[] = [];
  logAuthError(error, {
    warn: (...args: unknown[]) => lines.push({ level: "warn", args }),
    error: (...args: unknown[]) => lines.push({ level: "error", args }),
  });
  return lines;
}

describe("Auth.js's error log", () => {
  it("says nothing of a wrong password", () => {
    expect(logged(new CredentialsSignin())).toEqual([]);
  });

  it("gives a sign-in POST without a CSRF token one plain line, no stack", () => {
    const lines = logged(new MissingCSRF("CSRF token was missing during an action callback"));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe("warn");
    expect(lines[0]!.args).toEqual([expect.stringMatching(/^Auth\.js refused a request \(MissingCSRF\): [^\n]+$/)]);
    // The e2e tests treat these as a server error in the log (e2e/hostile-input.spec.ts).
    expect(String(lines[0]!.args[0])).not.toMatch(/⨯|\bError\b|^\s+at |uncaught|unhandled/im);
  });

  it("gives an unknown /api/auth action one plain line too", () => {
    expect(logged(new UnknownAction("Cannot parse action at /api/auth/nonsense"))).toEqual([
      { level: "warn", args: ["Auth.js refused a request (UnknownAction): no such Auth.js action"] },
    ]);
  });

  it("gives a session cookie it cannot open one plain line: the visitor is signed out, nothing failed", () => {
    const lines = logged(new JWTSessionError("Invalid Compact JWE"));
    expect(lines).toEqual([{ level: "warn", args: [expect.stringMatching(/^Auth\.js refused a request \(JWTSessionError\): [^\n]+$/)] }]);
  });

  it("still logs every other error whole, with its stack", () => {
    const failure = new InvalidCheck("pkceCodeVerifier value could not be parsed");
    expect(logged(failure)).toEqual([{ level: "error", args: [failure] }]);
    const crash = new TypeError("cannot read properties of undefined");
    expect(logged(crash)).toEqual([{ level: "error", args: [crash] }]);
  });
});
