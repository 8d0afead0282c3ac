import { describe, expect, it } from "vitest";
import { DEVICE_COOKIE, deviceFrom, issueDeviceToken, verifyDeviceToken } from "./device-cookie";

const SECRET = "unit-secret";

describe("the known-device cookie", () => {
  it("verifies for the email and secret it was issued with, and for nothing else", () => {
    const token = issueDeviceToken("teacher@school.org", SECRET);
    const id = verifyDeviceToken(token, "teacher@school.org", SECRET);
    expect(id).toMatch(/^[\w-]{22}$/);
    expect(verifyDeviceToken(token, "student@school.org", SECRET)).toBeNull();
    expect(verifyDeviceToken(token, "teacher@school.org", "another-secret")).toBeNull();
    expect(verifyDeviceToken(token, "teacher@school.org", undefined)).toBeNull();
    const [tokenId] = token.split(".");
    expect(verifyDeviceToken(`${tokenId}.forged`, "teacher@school.org", SECRET)).toBeNull();
    expect(verifyDeviceToken(`other.${token.split(".")[1]}`, "teacher@school.org", SECRET)).toBeNull();
    for (const junk of [undefined, "", ".", "a.b.c", "x".repeat(500), "é.é"])
      expect(verifyDeviceToken(junk, "teacher@school.org", SECRET)).toBeNull();
  });

  it("is read from a Cookie header among others", () => {
    const token = issueDeviceToken("t@s.org", SECRET);
    const headers = new Headers({ cookie: `authjs.session-token=abc; ${DEVICE_COOKIE}=${token}; theme=dark` });
    expect(deviceFrom(headers, "t@s.org", SECRET)).toBe(token.split(".")[0]);
    expect(deviceFrom(new Headers(), "t@s.org", SECRET)).toBeNull();
    expect(deviceFrom(new Headers({ cookie: `x${DEVICE_COOKIE}=${token}` }), "t@s.org", SECRET)).toBeNull();
  });
});
