import { describe, expect, it } from "vitest";
import { PERSONAL_DATA } from "./registry";
import { dataSummary } from "./summary";

describe("dataSummary", () => {
  it("says how long each kind of data is kept in days, with this install's retention period, never the setting's name", () => {
    const tables = Object.fromEntries(PERSONAL_DATA.map((entry) => [entry.table, [{}]]));
    const data = {
      exportedAt: new Date("2026-12-01T10:00:00Z"),
      person: { id: "s1", name: "Sam", email: "sam@example.com", role: "student" },
      scope: "complete" as const,
      tables,
      classes: [],
      assignments: [],
    };
    const summary = dataSummary(data, 200);
    expect(PERSONAL_DATA.some((entry) => entry.retention.includes("RETENTION_DAYS"))).toBe(true); // the registry names the setting
    expect(summary).not.toContain("RETENTION_DAYS");
    expect(summary).toContain("a deactivated account is removed 200 days after deactivation");
    expect(dataSummary(data, 1)).toContain("removed 1 day after deactivation");
    // Each kind in a family's words, with the name data.json files it under.
    expect(summary).toContain("- **Class memberships**: 1 — a student's membership of a class; kept ");
    expect(summary).toContain("(`enrollments` in data.json)");
    expect(summary).not.toMatch(/^- enrollments:/m);
    // An administrator's export holds all grading; one's own leaves out what isn't returned yet, and says so.
    expect(summary).toContain("- **Rubric scores and comments**: 1 — ");
    const own = dataSummary({ ...data, scope: "own" }, 200);
    expect(own).toContain("- **Rubric scores and comments**: 1 (not counting grading of work not returned to you yet, as in the app) — ");
    expect(own).toContain("- **Class memberships**: 1 — ");
    // Work handed in is all there, its grading blanked until returned: not "not counting".
    expect(own).toMatch(
      /\*\*: 1 \(their grading left out until the work is returned to you, as in the app\) — [^\n]*\(`submissions` in data\.json\)/,
    );
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
        scope: "own",
        tables: {
          enrollments: [{ section_id: "c1" }],
          access_log: [
            row("grade", "Reopened", "Dana Rivera"),
            row("view_work", "", ""),
            { ...row("grade", "", "Dana Rivera"), student_id: "s2" },
          ],
        },
        classes: [{ id: "c1", name: "Period 2 — Marketing", term: "Fall 2026", teacherName: "Dana Rivera" }],
        assignments: [],
      },
      30,
    );
    expect(summary).toContain("- Period 2 — Marketing (Fall 2026), taught by Dana Rivera: `c1`");
    expect(summary).toContain("- 2026-11-30 09:15 UTC: Dana Rivera (teacher) graded Sam Lee’s work (Reopened), in Period 2 — Marketing");
    expect(summary).toContain("- 2026-11-30 09:15 UTC: An erased account (teacher) opened Sam Lee’s work, in Period 2 — Marketing");
    // Only entries about the student themselves.
    expect(summary.match(/ UTC: /g)).toHaveLength(2);
  });

  it("says in words where each piece of work stands, with the grade and feedback the student was given, and no grade not yet returned", () => {
    const at = (day: number) => new Date(`2026-11-${day}T09:15:00Z`);
    const criteria = [
      { id: "ideation", title: "Ideation", maxPoints: 3 },
      { id: "copywriting", title: "Copywriting", maxPoints: 3 },
    ];
    const assignment = (id: string, title: string) => ({ id, title, sectionId: "c1", criteria });
    const submission = { late: false, attempt_count: 1, reopened_attempt: null, returned_at: null, total_points: null, feedback: null };
    const summary = dataSummary(
      {
        exportedAt: at(30),
        person: { id: "s1", name: "Sam Lee", email: "sam@example.com", role: "student" },
        scope: "own",
        tables: {
          submissions: [
            {
              ...submission,
              id: "w1",
              assignment_id: "a1",
              submitted_at: at(20),
              attempt_count: 2,
              late: true,
              returned_at: at(22),
              total_points: 5,
              feedback: "Lovely work.\nBigger text next time.",
            },
            { ...submission, id: "w2", assignment_id: "a2", submitted_at: at(21) }, // graded, not returned: held back
            {
              ...submission,
              id: "w3",
              assignment_id: "a3",
              submitted_at: at(23),
              reopened_attempt: 1,
              earlier_grade: {
                returnedAt: at(24).toISOString(),
                feedback: "Try again with [Name].",
                scores: [{ criterionId: "copywriting", points: 1, comment: "" }],
              },
            },
            { ...submission, id: "w4", assignment_id: "a4", submitted_at: null, attempt_count: 0 },
            // Returned with feedback and no points.
            { ...submission, id: "w6", assignment_id: "a6", submitted_at: at(20), returned_at: at(25), feedback: "See me." },
            // Reopened, then handed in again: the earlier grade is still what the student reads.
            {
              ...submission,
              id: "w7",
              assignment_id: "a7",
              submitted_at: at(26),
              attempt_count: 2,
              reopened_attempt: 1,
              earlier_grade: {
                returnedAt: at(24).toISOString(),
                feedback: "",
                // A rubric row removed since: not in the total, as the app and the files leave it out.
                scores: [
                  { criterionId: "ideation", points: 2, comment: "" },
                  { criterionId: "removed-row", points: 3, comment: "" },
                ],
              },
            },
            // Reopened after a return with feedback alone: no points then, not "0 of 6".
            {
              ...submission,
              id: "w9",
              assignment_id: "a9",
              submitted_at: at(20),
              reopened_attempt: 1,
              earlier_grade: { returnedAt: at(24).toISOString(), feedback: "Look again.", scores: [] },
            },
            // An earlier grade that isn't one (no date): left out rather than failing the export.
            { ...submission, id: "w8", assignment_id: "a8", submitted_at: at(20), reopened_attempt: 1, earlier_grade: { feedback: "?" } },
          ],
          scores: [
            { submission_id: "w1", criterion_id: "ideation", points: 3, comment: "Great picks." },
            { submission_id: "w1", criterion_id: "copywriting", points: 2, comment: "" },
          ],
          excusals: [{ assignment_id: "a5" }],
          extensions: [{ assignment_id: "a2", due_at: at(30) }],
        },
        classes: [{ id: "c1", name: "Period 2", term: null, teacherName: "Dana Rivera" }],
        assignments: [
          assignment("a1", "Year in Review"),
          assignment("a2", "Second draft"),
          assignment("a3", "Third go"),
          assignment("a4", "Started"),
          assignment("a5", "Excused one"),
          assignment("a6", "Feedback only"),
          assignment("a7", "Handed in again"),
          assignment("a8", "Odd earlier grade"),
          assignment("a9", "Feedback, then reopened"),
        ],
      },
      30,
    );
    const work = summary.slice(summary.indexOf("## Your work"), summary.indexOf("## Who looked"));
    expect(work).toBe(
      [
        "## Your work",
        "",
        "- **Year in Review**, in Period 2: Returned",
        "  - Handed in 2 times, the last time on 2026-11-20 09:15 UTC (late)",
        "  - Returned on 2026-11-22 09:15 UTC: 5 of 6 points",
        "    - Ideation: 3 of 3",
        "      > Great picks.",
        "    - Copywriting: 2 of 3",
        "    - Feedback:",
        "      > Lovely work.",
        "      > Bigger text next time.",
        "- **Second draft**, in Period 2: Submitted",
        "  - Your own due date (an extension from your teacher): 2026-11-30 09:15 UTC",
        "  - Handed in on 2026-11-21 09:15 UTC",
        "- **Third go**, in Period 2: Reopened",
        "  - Handed in on 2026-11-23 09:15 UTC",
        "  - Returned on 2026-11-24 09:15 UTC, then reopened for you to improve: 1 of 6 points then",
        "    - Copywriting: 1 of 3",
        "    - Feedback:",
        "      > Try again with [Name].",
        "- **Started**, in Period 2: In progress",
        "- **Excused one**, in Period 2: Excused",
        "- **Feedback only**, in Period 2: Returned",
        "  - Handed in on 2026-11-20 09:15 UTC",
        "  - Returned on 2026-11-25 09:15 UTC",
        "    - Feedback:",
        "      > See me.",
        "- **Handed in again**, in Period 2: Submitted",
        "  - Handed in 2 times, the last time on 2026-11-26 09:15 UTC",
        "  - Returned on 2026-11-24 09:15 UTC, then reopened; you have handed it in again since: 2 of 6 points then",
        "    - Ideation: 2 of 3",
        "- **Odd earlier grade**, in Period 2: Reopened",
        "  - Handed in on 2026-11-20 09:15 UTC",
        "- **Feedback, then reopened**, in Period 2: Reopened",
        "  - Handed in on 2026-11-20 09:15 UTC",
        "  - Returned on 2026-11-24 09:15 UTC, then reopened for you to improve",
        "    - Feedback:",
        "      > Look again.",
        "",
        "",
      ].join("\n"),
    );
  });
  it("words the grading not returned yet in an administrator's export, as the scores in its data.json; one's own export has none", () => {
    const at = new Date("2026-11-20T09:15:00Z");
    const criteria = [
      { id: "ideation", title: "Ideation", maxPoints: 3 },
      { id: "copywriting", title: "Copywriting", maxPoints: 3 },
    ];
    const work = { submitted_at: at, attempt_count: 1, late: false, returned_at: null, total_points: null, feedback: "" };
    const earlierGrade = {
      returnedAt: at.toISOString(),
      feedback: "Use [Name].",
      scores: [{ criterionId: "copywriting", points: 1, comment: "" }],
    };
    const reopened = { ...work, total_points: 1, feedback: "Use [Name].", reopened_attempt: 1, earlier_grade: earlierGrade };
    const data = {
      exportedAt: at,
      person: { id: "s1", name: "Sam Lee", email: "sam@example.com", role: "student" },
      scope: "complete" as const,
      tables: {
        submissions: [
          { ...work, id: "w1", assignment_id: "a1", late: true, total_points: 2, feedback: null },
          { ...work, id: "w2", assignment_id: "a2" },
          // Reopened: its score rows are the grade returned before, said once, as that.
          { ...reopened, id: "w3", assignment_id: "a3" },
          // Handed in again: the same grade is not news; a score changed since is.
          { ...reopened, id: "w4", assignment_id: "a4", attempt_count: 2 },
          { ...reopened, id: "w5", assignment_id: "a5", attempt_count: 2 },
          // Excused, with a draft the teacher scored: excused, not being graded.
          { ...work, id: "w6", assignment_id: "a6", submitted_at: null, attempt_count: 0, total_points: 1 },
        ],
        scores: [
          { submission_id: "w1", criterion_id: "ideation", points: 2, comment: "Try a square or vertical card." },
          ...["w3", "w4"].map((id) => ({ submission_id: id, criterion_id: "copywriting", points: 1, comment: "" })),
          { submission_id: "w5", criterion_id: "copywriting", points: 3, comment: "Much better." },
          { submission_id: "w6", criterion_id: "ideation", points: 1, comment: "" },
        ],
        excusals: [{ assignment_id: "a6" }],
      },
      classes: [],
      assignments: [
        { id: "a1", title: "Year in Review", sectionId: "c1", criteria },
        { id: "a2", title: "Not graded yet", sectionId: "c1", criteria },
        { id: "a3", title: "Reopened", sectionId: "c1", criteria },
        { id: "a4", title: "In again, same grade", sectionId: "c1", criteria },
        { id: "a5", title: "In again, rescored", sectionId: "c1", criteria },
        { id: "a6", title: "Excused", sectionId: "c1", criteria },
      ],
    };
    const earlier = (since: string) => [
      `  - Returned on 2026-11-20 09:15 UTC, then ${since}: 1 of 6 points then`,
      "    - Copywriting: 1 of 3",
      "    - Feedback:",
      "      > Use [Name].",
    ];
    const yourWork = (summary: string) => summary.slice(summary.indexOf("## Your work"), summary.indexOf("## Who looked"));
    expect(yourWork(dataSummary(data, 30))).toBe(
      [
        "## Your work",
        "",
        "- **Year in Review**: Submitted late",
        "  - Handed in on 2026-11-20 09:15 UTC (late)",
        "  - Being graded, not returned to you yet: 2 of 6 points so far",
        "    - Ideation: 2 of 3",
        "      > Try a square or vertical card.",
        "- **Not graded yet**: Submitted",
        "  - Handed in on 2026-11-20 09:15 UTC",
        "- **Reopened**: Reopened",
        "  - Handed in on 2026-11-20 09:15 UTC",
        ...earlier("reopened for you to improve"),
        "- **In again, same grade**: Submitted",
        "  - Handed in 2 times, the last time on 2026-11-20 09:15 UTC",
        ...earlier("reopened; you have handed it in again since"),
        "- **In again, rescored**: Submitted",
        "  - Handed in 2 times, the last time on 2026-11-20 09:15 UTC",
        ...earlier("reopened; you have handed it in again since"),
        "  - Being graded, not returned to you yet: 3 of 6 points so far",
        "    - Copywriting: 3 of 3",
        "      > Much better.",
        "    - Feedback:",
        "      > Use [Name].",
        "- **Excused**: Excused",
        "",
        "",
      ].join("\n"),
    );
    // One's own export: the same work, no grading before it is returned (data.json has none either).
    expect(yourWork(dataSummary({ ...data, scope: "own" }, 30))).not.toContain("Being graded");
  });
});
