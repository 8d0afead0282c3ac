import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { findSessionUser, type CurrentUser, type SessionUser } from "@/db/queries/accounts";
import type { Role } from "@/db/schema";
import { auth, type TokenClaims } from "@/lib/server/auth";
import { ApprovalRequiredError, AuthRequiredError, PasswordChangeRequiredError, WrongRoleError } from "@/lib/errors";
import { sessionCurrent } from "@/lib/session-age";
import { safeCallbackPath } from "@/lib/validations/common";

/**
 * Checks a token's claims against the database: the account must exist, be active and current, and
 * the session must be within its 30 days and not signed out. A token without a session id and start
 * (minted before sessions had them) is refused: it could not be signed out.
 */
export async function userFromClaims(claims: Partial<TokenClaims> | undefined | null): Promise<CurrentUser | null> {
  if (!claims || typeof claims.uid !== "string" || typeof claims.sv !== "number" || typeof claims.sid !== "string") return null;
  if (typeof claims.st !== "number" || !sessionCurrent(claims.st)) return null;
  return await findSessionUser({ userId: claims.uid, sessionVersion: claims.sv, sessionId: claims.sid });
}

/** The claims of this request's session cookie, as Auth.js decoded it: not yet checked against the database. */
export async function cookieClaims(): Promise<Partial<TokenClaims> | null> {
  return ((await auth()) as { claims?: Partial<TokenClaims> } | null)?.claims ?? null;
}

/** The acting user for this request, re-read from the database (once per request). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  return await userFromClaims(await cookieClaims());
});

export const PASSWORD_PAGE = "/account/password";
/** Where a teacher account waits for (or learns it was refused) an administrator's approval. */
export const APPROVAL_PAGE = "/approval";

/** A teacher an administrator has not approved (TEACHER_SIGNUP=approval): they may only wait, or sign out. */
export const awaitsApproval = (user: Pick<CurrentUser, "role" | "approval">) => user.role === "teacher" && user.approval !== "approved";

/**
 * Signed in, whether or not a one-time password is still waiting to be replaced: only for the
 * password change itself and signing out.
 */
export async function requireSignedIn(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthRequiredError();
  return user;
}

/**
 * Signed in with a password of one's own, approved or not: what a teacher waiting for (or refused)
 * an administrator's approval may still do with their own account, such as download its data. An
 * account still on its one-time password may not: whoever handed that password out knows it.
 */
export async function requireOwnPassword(): Promise<CurrentUser> {
  const user = await requireSignedIn();
  if (user.mustChangePassword) throw new PasswordChangeRequiredError();
  return user;
}

/**
 * Signed in with a password of one's own: an account still on its one-time password can do nothing
 * else, nor can a teacher account that is not approved.
 */
export async function requireUser(): Promise<SessionUser> {
  const user = await requireOwnPassword();
  if (awaitsApproval(user)) throw new ApprovalRequiredError();
  return user;
}

export async function requireRole(role: Role): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== role) throw new WrongRoleError();
  return user;
}

/**
 * For pages: an anonymous visitor goes to sign-in; a user of the other role sees a 404,
 * so students never learn what teacher pages exist (and the reverse).
 */
export async function pageUser(role?: Role, returnTo?: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  // returnTo carries route params straight from the URL: pass on only what sign-in would accept.
  const target = safeCallbackPath(returnTo);
  const back = target ? `?callbackUrl=${encodeURIComponent(target)}` : "";
  if (!user) redirect(`/sign-in${back}`);
  if (user.mustChangePassword) redirect(`${PASSWORD_PAGE}${back}`);
  if (awaitsApproval(user)) redirect(APPROVAL_PAGE);
  if (role && user.role !== role) notFound();
  return user;
}

export function homeFor(user: Pick<SessionUser, "role"> & Partial<Pick<CurrentUser, "approval">>): string {
  if (user.approval && awaitsApproval({ role: user.role, approval: user.approval })) return APPROVAL_PAGE;
  return user.role === "admin" ? "/admin" : user.role === "teacher" ? "/sections" : "/classes";
}
