import { beforeEach, describe, expect, it, vi } from "vitest";

// Each hash waits until the test lets it finish, so the test sees how many run at once.
const running = { now: 0, most: 0, release: [] as (() => void)[] };
vi.mock("@node-rs/argon2", () => ({
  hash: vi.fn(async (password: string) => {
    running.now += 1;
    running.most = Math.max(running.most, running.now);
    await new Promise<void>((resolve) => running.release.push(resolve));
    running.now -= 1;
    return `hashed:${password}`;
  }),
  verify: vi.fn(),
}));
const { hashPassword, hashPasswords, HASHES_AT_ONCE } = await import("./password");

/** Lets every hash waiting now finish, until nothing is left to run. */
async function drain() {
  for (let turns = 0; turns < 1000; turns++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (running.release.length === 0 && running.now === 0) return;
    running.release.splice(0).forEach((release) => release());
  }
  throw new Error("hashes still running");
}

describe("hashing many passwords at once (a roster import's one-time passwords)", () => {
  beforeEach(() => {
    running.now = 0;
    running.most = 0;
    running.release = [];
  });

  it("hashes two at a time across the whole server, however many lists arrive together, each hash in its place", async () => {
    const first = Array.from({ length: 12 }, (_, i) => `first-${i}`);
    const second = Array.from({ length: 7 }, (_, i) => `second-${i}`);
    const both = Promise.all([hashPasswords(first), hashPasswords(second)]);
    await drain();
    const [a, b] = await both;
    expect(running.most).toBe(HASHES_AT_ONCE);
    expect(HASHES_AT_ONCE).toBe(2);
    expect(a).toEqual(first.map((p) => `hashed:${p}`));
    expect(b).toEqual(second.map((p) => `hashed:${p}`));
  });

  it("never holds up a single hash (a sign-up, a password change) behind a list", async () => {
    const list = hashPasswords(Array.from({ length: 10 }, (_, i) => `list-${i}`));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(running.now).toBe(HASHES_AT_ONCE);
    const one = hashPassword("a-sign-up");
    expect(running.now).toBe(HASHES_AT_ONCE + 1);
    await drain();
    expect(await one).toBe("hashed:a-sign-up");
    expect(await list).toHaveLength(10);
  });
});
