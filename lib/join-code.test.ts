import { describe, expect, it } from "vitest";
import { formatJoinCode, generateJoinCode, isJoinCodeShaped, JOIN_CODE_ALPHABET, normalizeJoinCode } from "./join-code";

describe("join codes", () => {
  it("are 8 characters from an alphabet without look-alikes", () => {
    for (const ch of "0O1IL") expect(JOIN_CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 2000; i++) {
      const code = generateJoinCode();
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
      expect(isJoinCodeShaped(code)).toBe(true);
    }
  });

  it("use the whole alphabet and rarely repeat", () => {
    const codes = Array.from({ length: 5000 }, generateJoinCode);
    expect(new Set(codes).size).toBe(codes.length);
    const seen = new Set(codes.join(""));
    expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it("forgive case, spaces and dashes when typed", () => {
    expect(normalizeJoinCode(" mktg-3prd ")).toBe("MKTG3PRD");
    expect(normalizeJoinCode("mk tg 3p rd")).toBe("MKTG3PRD");
  });

  it("reject look-alike characters and wrong lengths", () => {
    expect(isJoinCodeShaped("MKTG3PR0")).toBe(false);
    expect(isJoinCodeShaped("MKTG3PRI")).toBe(false);
    expect(isJoinCodeShaped("MKTG3PR")).toBe(false);
    expect(isJoinCodeShaped("MKTG3PRDD")).toBe(false);
  });

  it("format in two groups for reading aloud", () => {
    expect(formatJoinCode("MKTG3PRD")).toBe("MKTG-3PRD");
  });
});
