import { describe, expect, it } from "vitest";
import { REDACTED_NAME, redactName } from "./redact-name";

describe("redactName", () => {
  const R = REDACTED_NAME;

  it("takes out the whole name and the first name, as whole words in any case and spacing", () => {
    expect(redactName("Nice work, Erin Smith!", "Erin Smith")).toBe(`Nice work, ${R}!`);
    expect(redactName("erin  SMITH: great picks. Erin, well done.", "Erin Smith")).toBe(`${R}: great picks. ${R}, well done.`);
    expect(redactName("Zoë chose well", "Zoë Ng")).toBe(`${R} chose well`);
  });

  it("keeps other words, names that only contain it, and text without it", () => {
    expect(redactName("Erinn and Kerin did well; Smith is a surname here", "Erin Smith")).toBe(
      "Erinn and Kerin did well; Smith is a surname here",
    );
    expect(redactName("Strong picks.", "Erin Smith")).toBe("Strong picks.");
    expect(redactName("a (b) a.b", "A")).toBe("a (b) a.b");
    expect(redactName("Nice (really) work", "(really)")).toBe(`Nice ${R} work`);
  });
});
