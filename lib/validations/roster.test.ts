import { describe, expect, it } from "vitest";
import { ROSTER_MAX_CHARS, ROSTER_MAX_COLUMNS, rosterImportSchema } from "./roster";

const sectionId = crypto.randomUUID();
const mapping = (email: number) => ({ hasHeader: true, email, name: 0, first: null, last: null });
const problems = (input: unknown) => {
  const parsed = rosterImportSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe("the roster import schema", () => {
  it("accepts any column up to the last usable one, and names the limit past it", () => {
    expect(problems({ sectionId, text: "Name,Email", mapping: mapping(55) })).toEqual([]);
    expect(problems({ sectionId, text: "Name,Email", mapping: mapping(ROSTER_MAX_COLUMNS - 1) })).toEqual([]);
    expect(problems({ sectionId, text: "Name,Email", mapping: mapping(ROSTER_MAX_COLUMNS) })).toEqual([
      `Only the first ${ROSTER_MAX_COLUMNS} columns can be used: move the name and email columns further left.`,
    ]);
  });

  it("refuses a list over the character limit with a message about its length, not its number of students", () => {
    const line = "Ada Okafor,ada@school.org\n";
    const atLimit = line.repeat(Math.floor(ROSTER_MAX_CHARS / line.length));
    expect(problems({ sectionId, text: atLimit })).toEqual([]);
    const [message] = problems({ sectionId, text: atLimit + "x".repeat(line.length + 1) });
    expect(message).toMatch(/longer than 200,000 characters/);
    expect(message).not.toMatch(/students/);
  });
});
