import { describe, expect, it } from "vitest";
import { UNKNOWN_ADDRESS } from "./client-address";
import { accountKey, addressBucket, throttleKeys } from "./sign-in-throttle";

describe("throttle keys", () => {
  it("count IPv4 per address and IPv6 per /64, however the address is written", () => {
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    const same = ["2001:db8:1:2::1", "2001:0db8:0001:0002:ffff:0:0:1", "2001:DB8:1:2:aaaa:bbbb:cccc:dddd"].map(addressBucket);
    expect(new Set(same)).toEqual(new Set(["2001:db8:1:2::/64"]));
    expect(addressBucket("2001:db8:1:3::1")).not.toBe(addressBucket("2001:db8:1:2::1"));
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(accountKey("a@b.org", "2001:db8:1:2::9")).toBe(accountKey("a@b.org", "2001:db8:1:2::1"));
  });

  it("a known device has a count of its own; otherwise account here, account anywhere, and the address", () => {
    expect(throttleKeys("a@b.org", "203.0.113.7", "dev1").map((k) => k.key)).toEqual(["device:dev1"]);
    expect(throttleKeys("a@b.org", "203.0.113.7").map((k) => k.key)).toEqual([
      "account:203.0.113.7 a@b.org",
      "anywhere:a@b.org",
      "address:203.0.113.7",
    ]);
    expect(throttleKeys("a@b.org", UNKNOWN_ADDRESS).map((k) => k.key)).toEqual(["account:unknown a@b.org", "anywhere:a@b.org"]);
  });
});
