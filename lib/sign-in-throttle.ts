import { UNKNOWN_ADDRESS } from "./client-address";

/**
 * The sign-in throttle's rules, kept pure so the query layer and the e2e specs share them.
 *
 * A device that has signed in to the account before (it holds the account's device cookie, see
 * lib/device-cookie.ts) counts its failures on its own: nothing done from anywhere else, not even
 * from the same school network, can lock the owner out of a device they use. Any other attempt
 * counts per (account, client address), per account across all addresses (a looser ceiling
 * against guessing from many addresses), and per address across all accounts (against one place
 * spraying many accounts; loose because a whole class signs in from one school address, often
 * mistyping one-time passwords in the same few minutes).
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perAccount: 10,
  perDevice: 10,
  perAccountAnywhere: 50,
  perAddress: 100,
  /** Sign-ups turned down because the email has an account, per address (see signUpKey). */
  takenEmailsPerAddress: 20,
  /**
   * Accounts roster previews find outside the teacher's own classes, per teacher and per address
   * (see rosterKeys): room for a list of ROSTER_MAX_ROWS (1,000) such accounts, previewed three
   * times and imported, in one window.
   */
  strangersPerTeacher: 5000,
  strangersPerAddress: 20_000,
  /** Class codes that match no class, per signed-in account, and per address when signed out (see joinCodeKeys). */
  wrongJoinCodesPerAccount: 20,
  wrongJoinCodesPerAddress: 100,
  /** Wrong teacher sign-up codes (TEACHER_SIGNUP=code), per address (see teacherCodeKeys). */
  wrongTeacherCodesPerAddress: 10,
  /** Accounts made by sign-up, per address (see newAccountKeys). */
  newAccountsPerAddress: 200,
  /**
   * Accounts made by roster imports, per teacher and per address (see rosterAccountKeys): two lists
   * of ROSTER_MAX_ROWS (1,000) new students from one teacher in one window, and a school's whole
   * staff importing their classes from one address the same morning.
   */
  rosterAccountsPerTeacher: 3000,
  rosterAccountsPerAddress: 10_000,
} as const;

export type ThrottleState = { failures: number; windowStartedAt: Date; lockedUntil: Date | null };
export type ThrottleKey = { key: string; limit: number };

/**
 * The part of an address that identifies one client: an IPv6 client is usually handed a whole /64,
 * so its addresses count as one; IPv4 (also IPv4-mapped IPv6) counts per address.
 */
export function addressBucket(address: string): string {
  if (!address.includes(":")) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** Addresses hold only hex digits, dots, colons and a slash (or are "unknown"), so the space cannot be forged. */
export const accountKey = (email: string, address: string) => `account:${addressBucket(address)} ${email}`;
const deviceKey = (device: string) => `device:${device}`;

/**
 * The counts one attempt is checked against. `device` is the verified id of this account's device
 * cookie, if the browser sent one. The first key is the one an attempt reserves before the
 * password is checked (so parallel guesses can't all slip past one limit) and a success clears.
 * Without a trusted address every caller shares "unknown", where a per-address ceiling would be one
 * switch that locks the whole app, so it applies only to real addresses.
 */
export function throttleKeys(email: string, address: string, device: string | null = null): ThrottleKey[] {
  if (device) return [{ key: deviceKey(device), limit: THROTTLE.perDevice }];
  const keys: ThrottleKey[] = [
    { key: accountKey(email, address), limit: THROTTLE.perAccount },
    { key: `anywhere:${email}`, limit: THROTTLE.perAccountAnywhere },
  ];
  if (address !== UNKNOWN_ADDRESS) keys.push({ key: `address:${addressBucket(address)}`, limit: THROTTLE.perAddress });
  return keys;
}

/**
 * Sign-up answers whether an email has an account ("already exists"), which sign-in never does; so
 * those answers are counted per address, and at the limit sign-up from there pauses for everyone
 * (whatever the email, so the pause itself tells nothing). A class signing up from one school
 * address meets few of them: a student who already has an account is told once and signs in.
 * Like the per-address ceiling of sign-in, it needs a real address.
 */
export function signUpKey(address: string): ThrottleKey | null {
  if (address === UNKNOWN_ADDRESS) return null;
  return { key: `sign-up:${addressBucket(address)}`, limit: THROTTLE.takenEmailsPerAddress };
}

/**
 * A roster preview answers, for each address, whether it has an account (invited) or not (created),
 * as sign-up does; so the accounts it finds outside the teacher's own classes (their students, and
 * accounts their imports made, are not counted) count per teacher and, with a real address, per
 * address, across every teacher there; the preview that brings a count to its limit is refused,
 * and so is every preview for the next 15 minutes. A class of thirty that already has accounts,
 * previewed a few times, uses a small part of it; a script sending guessed addresses again and
 * again learns at most about 5,000 in half an hour, instead of thousands a second.
 */
export function rosterKeys(teacherId: string, address: string): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `roster:${teacherId}`, limit: THROTTLE.strangersPerTeacher }];
  if (address !== UNKNOWN_ADDRESS) keys.push({ key: `roster-address:${addressBucket(address)}`, limit: THROTTLE.strangersPerAddress });
  return keys;
}

/**
 * A class code answers with the class's name and teacher, to anyone: that is what having the code
 * entitles one to. Codes are 8 characters from 31 (about 8.5 × 10^11), so guessing one takes very many
 * tries, and those are counted: codes that match no class per account when signed in, else per
 * address (when the address is known). At the limit the join page and the join form pause for 15
 * minutes, whatever the code. A signed-in student's guesses pause only them, so nobody at a school
 * can pause joining for the whole school; from a paused address, signing in still works.
 */
export function joinCodeKeys(userId: string | null, address: string): ThrottleKey[] {
  if (userId) return [{ key: `join:${userId}`, limit: THROTTLE.wrongJoinCodesPerAccount }];
  if (address === UNKNOWN_ADDRESS) return [];
  return [{ key: `join-address:${addressBucket(address)}`, limit: THROTTLE.wrongJoinCodesPerAddress }];
}

/**
 * A teacher sign-up code (TEACHER_SIGNUP=code) is chosen by people, so a list of likely words would
 * find it; a right one makes a teacher at once. Wrong codes count per address (when the address is
 * known): at the limit, teacher sign-up from there pauses for 15 minutes, the right code included,
 * so guesses can't go on at the rate requests can be sent. Student sign-up is not affected. Per
 * address only: a count for everyone would let anyone pause every teacher's sign-up.
 */
export function teacherCodeKeys(address: string): ThrottleKey[] {
  if (address === UNKNOWN_ADDRESS) return [];
  return [{ key: `teacher-code:${addressBucket(address)}`, limit: THROTTLE.wrongTeacherCodesPerAddress }];
}

/**
 * Sign-up is open to anyone, so accounts made by sign-up count per address (when the address is
 * known): at the limit, sign-up from there pauses for 15 minutes. Room for six classes of thirty
 * signing up from one school address in the same quarter of an hour; a script making accounts is
 * held to a few hundred an hour instead of as many as the server can hash passwords. Accounts a
 * teacher makes from a roster count apart (rosterAccountKeys): a morning of roster imports at a
 * school must not pause its students' sign-up.
 */
export function newAccountKeys(address: string): ThrottleKey[] {
  if (address === UNKNOWN_ADDRESS) return [];
  return [{ key: `new-accounts:${addressBucket(address)}`, limit: THROTTLE.newAccountsPerAddress }];
}

/**
 * Sign-up's cap can't hold a teacher back, whose import makes accounts with no sign-up at all (and
 * under TEACHER_SIGNUP=open anyone can be a teacher): accounts made by roster imports count per
 * teacher and, with a real address, per address across every teacher there. They are counted when
 * the import starts, before its one-time passwords are hashed; the import that would bring a count
 * to its limit makes nothing, and imports that make accounts pause for 15 minutes.
 */
export function rosterAccountKeys(teacherId: string, address: string): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `roster-accounts:${teacherId}`, limit: THROTTLE.rosterAccountsPerTeacher }];
  if (address !== UNKNOWN_ADDRESS)
    keys.push({ key: `roster-accounts-address:${addressBucket(address)}`, limit: THROTTLE.rosterAccountsPerAddress });
  return keys;
}

export const isLocked = (state: ThrottleState | undefined, now: Date): boolean => Boolean(state?.lockedUntil && state.lockedUntil > now);

/**
 * The windows that started before this instant have ended. A count whose window has ended and
 * which locks nothing is spent: the next failure starts from nothing with or without it
 * (afterFailures), so the purge removes it (its key holds an email and an address).
 */
export const spentWindowsBefore = (now: Date): Date => new Date(now.getTime() - THROTTLE.windowMs);

export const isSpent = (state: ThrottleState, now: Date): boolean =>
  !isLocked(state, now) && state.windowStartedAt <= spentWindowsBefore(now);

/** The count after `count` more failures (one, by default): reaching the limit locks, and the next window starts after the lock. */
export function afterFailures(state: ThrottleState | undefined, limit: number, now: Date, count = 1): ThrottleState {
  const windowOpen = state && now.getTime() - state.windowStartedAt.getTime() < THROTTLE.windowMs;
  const failures = windowOpen ? state.failures + count : count;
  if (failures >= limit) return { failures: 0, windowStartedAt: now, lockedUntil: new Date(now.getTime() + THROTTLE.lockMs) };
  return { failures, windowStartedAt: windowOpen ? state.windowStartedAt : now, lockedUntil: null };
}
