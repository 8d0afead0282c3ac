import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { findSessionUser, type SessionUser } from "@/db/queries/accounts";
import type { Role } from "@/db/schema";
import { auth, type TokenClaims } from "@/lib/auth";
import { AuthRequiredError, ForbiddenError } from "@/lib/errors";

/** Checks a token's claims against the database: the account must exist, be active and current. */
export function userFromClaims(claims: Partial<TokenClaims> | undefined | null): SessionUser | null {
  if (!claims || typeof claims.uid !== "string" || typeof claims.sv !== "number") return null;
  return findSessionUser(claims.uid, claims.sv);
}

/** The acting user for this request, re-read from the database (once per request). */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as { claims?: Partial<TokenClaims> } | null;
  return userFromClaims(session?.claims);
});

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthRequiredError();
  return user;
}

export async function requireRole(role: Role): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== role) throw new ForbiddenError();
  return user;
}

/**
 * For pages: an anonymous visitor goes to sign-in; a user of the other role sees a 404,
 * so students never learn what teacher pages exist (and the reverse).
 */
export async function pageUser(role?: Role, returnTo?: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  if (role && user.role !== role) notFound();
  return user;
}

export function homeFor(user: Pick<SessionUser, "role">): string {
  return user.role === "teacher" ? "/sections" : "/classes";
}
