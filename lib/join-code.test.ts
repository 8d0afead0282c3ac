import { describe, expect, it } from "vitest";
import { joinSchema } from "./validations/join";
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
    // Full-width, as a Chinese, Japanese or Korean keyboard types it; pasted with other dashes.
    expect(normalizeJoinCode("ＭＫＴＧ－３ＰＲＤ")).toBe("MKTG3PRD");
    expect(normalizeJoinCode("ｍｋｔｇ　３ｐｒｄ")).toBe("MKTG3PRD");
    for (const dash of ["–", "—", "‐", "‑", "−", "ー", "ｰ", "\u00ad", "\u200b", "\ufeff"])
      expect(normalizeJoinCode(`MKTG${dash}3PRD`)).toBe("MKTG3PRD");
    // The join link pasted whole: its code, whatever follows it.
    expect(normalizeJoinCode("https://recap.example.org/join/MKTG3PRD")).toBe("MKTG3PRD");
    expect(normalizeJoinCode(" http://localhost:3000/JOIN/mktg-3prd/?utm=x#top ")).toBe("MKTG3PRD");
    expect(joinSchema.parse({ code: "recap.example.org/join/MKTG3PRD" })).toEqual({ code: "MKTG3PRD" });
    // A link with no code in it is still refused.
    expect(joinSchema.safeParse({ code: "https://recap.example.org/join/" }).success).toBe(false);
    expect(joinSchema.safeParse({ code: "https://recap.example.org/sections/MKTG3PRD" }).success).toBe(false);
    // Anything else is still refused as not code-shaped.
    expect(isJoinCodeShaped(normalizeJoinCode("MKTG_3PRD"))).toBe(false);
    // The join form's schema takes the full-width code, and still refuses a short one.
    expect(joinSchema.parse({ code: "ＭＫＴＧ－３ＰＲＤ" })).toEqual({ code: "MKTG3PRD" });
    expect(joinSchema.safeParse({ code: "ＭＫＴＧ－３ＰＲ" }).success).toBe(false);
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
