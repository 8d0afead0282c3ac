import { describe, expect, it } from "vitest";
import { PERSONAL_DATA } from "./registry";
import { dataSummary } from "./summary";

describe("dataSummary", () => {
  it("says how long each kind of data is kept in days, with this install's retention period, never the setting's name", () => {
    const tables = Object.fromEntries(PERSONAL_DATA.map((entry) => [entry.table, [{}]]));
    const data = {
      exportedAt: new Date("2026-12-01T10:00:00Z"),
      person: { id: "s1", name: "Sam", email: "sam@example.com", role: "student" },
      tables,
    };
    const summary = dataSummary(data, 200);
    expect(PERSONAL_DATA.some((entry) => entry.retention.includes("RETENTION_DAYS"))).toBe(true); // the registry names the setting
    expect(summary).not.toContain("RETENTION_DAYS");
    expect(summary).toContain("a deactivated account is removed 200 days after deactivation");
    expect(dataSummary(data, 1)).toContain("removed 1 day after deactivation");
  });
});
