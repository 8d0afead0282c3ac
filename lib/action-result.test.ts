import { describe, expect, it } from "vitest";
import { failureMessage, notFoundMessage, referenceOf, unexpectedFailureMessage } from "./action-result";

describe("failureMessage", () => {
  it("prefers the form's message, then the first field's, then the caller's fallback", () => {
    expect(failureMessage({ code: "invalid", formError: "Form.", fieldErrors: { a: ["A."] } }, "Fallback.")).toBe("Form.");
    expect(failureMessage({ code: "invalid", fieldErrors: { a: [], b: ["B."] } }, "Fallback.")).toBe("B.");
    expect(failureMessage({}, "Fallback.")).toBe("Fallback.");
  });

  it("says plainly that a missing or foreign row is gone, even without a message", () => {
    expect(failureMessage({ code: "not_found" }, "Fallback.")).toBe("That no longer exists or isn't yours.");
    expect(failureMessage({ code: "not_found", formError: notFoundMessage("submission") }, "Fallback.")).toBe(
      "That submission no longer exists or isn't yours.",
    );
  });
});

describe("unexpectedFailureMessage", () => {
  it("gives the digest of a server error as the reference, never the error's own message", () => {
    const error = Object.assign(new Error("SQLITE_CORRUPT at /srv/app.db"), { digest: "2338719011" });
    const message = unexpectedFailureMessage(error);
    expect(message).toBe("Something went wrong (reference 2338719011). Try again; if it keeps happening, tell us the reference.");
    expect(message).not.toContain("SQLITE");
  });

  it("says the server wasn't reached when there is no digest (offline)", () => {
    expect(unexpectedFailureMessage(new TypeError("Failed to fetch"))).toBe(
      "That didn't reach the server. Check your connection and try again.",
    );
  });

  it("ignores digests that are Next.js control flow or not references at all", () => {
    expect(referenceOf({ digest: "NEXT_REDIRECT;replace;/home;307;" })).toBeUndefined();
    expect(referenceOf({ digest: 42 })).toBeUndefined();
    expect(referenceOf(null)).toBeUndefined();
    expect(referenceOf({ digest: "2338719011" })).toBe("2338719011");
  });
});
