import type { NextAuthConfig } from "next-auth";
import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * Auth.js's configuration as lib/server/auth.ts hands it over, and its sign-out event: the record
 * that ends the session (endSession), waited for at most 2 s, so that a database that does not
 * answer neither keeps the cookie alive nor the person waiting.
 */

const captured = vi.hoisted(() => ({ config: undefined as NextAuthConfig | undefined }));
vi.mock("next-auth", () => ({
  default: (config: NextAuthConfig) => {
    captured.config = config;
    return { handlers: {}, auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn() };
  },
  CredentialsSignin: class extends Error {},
}));
const endSession = vi.hoisted(() => vi.fn<(ids: { userId: string; sessionId: string }, keepUntil: Date) => Promise<void>>());
vi.mock("@/db/queries/accounts", () => ({ endSession, verifySignIn: vi.fn() }));

await import("./auth");
const signOutEvent = captured.config!.events!.signOut!;
const token = { uid: "user-1", role: "student", sv: 0, sid: "session-1", st: 1 };

afterEach(() => {
  vi.useRealTimers();
  endSession.mockReset();
});

describe("the sign-out event", () => {
  it("records the session it ends, and is done as soon as the record is", async () => {
    endSession.mockResolvedValue(undefined);
    await signOutEvent({ token } as never);
    expect(endSession).toHaveBeenCalledOnce();
    expect(endSession.mock.calls[0]![0]).toEqual({ userId: "user-1", sessionId: "session-1" });
  });

  it("gives up after 2 s when the database does not answer, so the cookie is cleared all the same", async () => {
    vi.useFakeTimers();
    endSession.mockReturnValue(new Promise(() => {})); // a database that never answers
    let outcome: string | undefined;
    void Promise.resolve(signOutEvent({ token } as never)).then(
      () => (outcome = "done"),
      (error: Error) => (outcome = error.message),
    );
    await vi.advanceTimersByTimeAsync(1_999);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBe("the database did not answer in time");
  });

  it("passes a failing record on (Auth.js logs it and clears the cookie)", async () => {
    endSession.mockRejectedValue(new Error("disk full"));
    await expect(signOutEvent({ token } as never)).rejects.toThrow("disk full");
  });

  it("records nothing for a token without a session id (minted before sessions had one)", async () => {
    await signOutEvent({ token: { uid: "user-1", role: "student", sv: 0 } } as never);
    await signOutEvent({ token: null } as never);
    expect(endSession).not.toHaveBeenCalled();
  });
});
