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
      classes: [],
    };
    const summary = dataSummary(data, 200);
    expect(PERSONAL_DATA.some((entry) => entry.retention.includes("RETENTION_DAYS"))).toBe(true); // the registry names the setting
    expect(summary).not.toContain("RETENTION_DAYS");
    expect(summary).toContain("a deactivated account is removed 200 days after deactivation");
    expect(dataSummary(data, 1)).toContain("removed 1 day after deactivation");
  });

  it("names the student's classes, and says what each access-log entry did and where, in the access log's words", () => {
    const at = new Date("2026-11-30T09:15:00Z");
    const row = (action: string, detail: string, actor: string) => ({
      at,
      action,
      detail,
      actor_name: actor,
      actor_role: "teacher",
      student_id: "s1",
      section_id: "c1",
    });
    const summary = dataSummary(
      {
        exportedAt: at,
        person: { id: "s1", name: "Sam Lee", email: "sam@example.com", role: "student" },
        tables: {
          enrollments: [{ section_id: "c1" }],
          access_log: [
            row("grade", "Reopened", "Dana Rivera"),
            row("view_work", "", ""),
            { ...row("grade", "", "Dana Rivera"), student_id: "s2" },
          ],
        },
        classes: [{ id: "c1", name: "Period 2 — Marketing", term: "Fall 2026", teacherName: "Dana Rivera" }],
      },
      30,
    );
    expect(summary).toContain("- Period 2 — Marketing (Fall 2026), taught by Dana Rivera: `c1`");
    expect(summary).toContain("- 2026-11-30 09:15 UTC: Dana Rivera (teacher) graded Sam Lee’s work (Reopened), in Period 2 — Marketing");
    expect(summary).toContain("- 2026-11-30 09:15 UTC: An erased account (teacher) opened Sam Lee’s work, in Period 2 — Marketing");
    // Only entries about the student themselves.
    expect(summary.match(/ UTC: /g)).toHaveLength(2);
  });
});
