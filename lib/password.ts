import { hash, verify } from "@node-rs/argon2";
import pLimit from "p-limit";

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/**
 * Hashes that come many at once (a roster import's one-time passwords, up to 1,000 a list) take
 * turns on this app instance, two at a time. Each hash runs on one of the four threads of Node's
 * pool, which every sign-in's password check and the file reads share: a list hashed all at once
 * held sign-in for everyone some 10 s (0.5 s otherwise) while it waited.
 */
export const HASHES_AT_ONCE = 2;
const manyAtOnce = pLimit(HASHES_AT_ONCE);

/** Each password's hash, in order, never more than HASHES_AT_ONCE of them hashing on this instance. */
export function hashPasswords(passwords: readonly string[]): Promise<string[]> {
  return Promise.all(passwords.map((password) => manyAtOnce(() => hashPassword(password))));
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against the stored hash, or against a throwaway hash when there is no account,
 * so that a sign-in for an unknown e-mail takes as long as one for a real account.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  const target = storedHash ?? (await dummyHash);
  try {
    const ok = await verify(target, password);
    return ok && storedHash != null;
  } catch {
    return false;
  }
}
