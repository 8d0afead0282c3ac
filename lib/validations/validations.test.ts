import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signInSchema, signUpSchema } from "./auth";
import { renameAccountSchema, transferSectionSchema } from "./admin";
import { createAssignmentSchema, updateSettingsSchema } from "./assignments";
import { callbackUrlSchema } from "./common";
import { gradingViewSchema } from "./grading";
import { joinSchema } from "./join";
import { WORK_LIMITS } from "./limits";
import { sectionFormSchema, updateSectionSchema } from "./sections";
import { emptyDraft, saveDraftSchema } from "./workspace";

const fieldErrors = (result: { success: boolean; error?: z.ZodError }) => (result.error ? z.flattenError(result.error).fieldErrors : {});

const validSignUp = { name: "Ana Ruiz", email: "Ana@School.org ", password: "a-long-pass", role: "teacher" };

describe("sign-up schema", () => {
  it("lower-cases and trims the email", () => {
    expect(signUpSchema.parse(validSignUp).email).toBe("ana@school.org");
  });

  it("refuses weak, over-long and missing values with messages for each field", () => {
    const result = signUpSchema.safeParse({ name: " ", email: "nope", password: "short", role: "admin" });
    expect(result.success).toBe(false);
    const errors = fieldErrors(result) as Record<string, string[]>;
    expect(errors.name?.[0]).toMatch(/required/);
    expect(errors.email?.[0]).toMatch(/valid email/);
    expect(errors.password?.[0]).toMatch(/at least 8/);
    expect(errors.role?.[0]).toMatch(/teacher or a student/);
  });

  it("accepts passwords of 128 characters and more, never truncating them", () => {
    const long = "x".repeat(200);
    expect(signUpSchema.parse({ ...validSignUp, password: long }).password).toBe(long);
    expect(signUpSchema.safeParse({ ...validSignUp, password: "x".repeat(257) }).success).toBe(false);
  });

  it("limits the name's length", () => {
    expect(signUpSchema.safeParse({ ...validSignUp, name: "n".repeat(120) }).success).toBe(true);
    expect(signUpSchema.safeParse({ ...validSignUp, name: "n".repeat(121) }).success).toBe(false);
  });

  it("never carries a role other than teacher or student", () => {
    expect(signUpSchema.safeParse({ ...validSignUp, role: "admin" }).success).toBe(false);
  });
});

describe("an assignment's settings", () => {
  const ids = { sectionId: crypto.randomUUID(), assignmentId: crypto.randomUUID(), base: "1" };
  const settings = { title: "Year in Review", instructions: "", dueAt: "2031-01-20T20:00:00.000Z", acceptLate: true };
  const outOfOrder = { ...settings, closeAt: "2031-01-19T20:00:00.000Z" };
  const orderIssue = [{ path: ["settings", "closeAt"], message: "The close date can't be before the due date." }];
  const issues = (result: { error?: z.ZodError }) => result.error?.issues.map(({ path, message }) => ({ path, message }));

  it("refuses a close date before the due date, beside the close date, when assigning and when saving", () => {
    expect(issues(createAssignmentSchema.safeParse({ sectionId: ids.sectionId, settings: outOfOrder }))).toEqual(orderIssue);
    expect(issues(updateSettingsSchema.safeParse({ ...ids, settings: outOfOrder }))).toEqual(orderIssue);
    expect(issues(updateSettingsSchema.safeParse({ ...ids, settings: outOfOrder, closeNow: false }))).toEqual(orderIssue);
    expect(updateSettingsSchema.safeParse({ ...ids, settings: { ...settings, closeAt: "2031-01-21T20:00:00.000Z" } }).success).toBe(true);
  });

  it("lets Close now save whatever order the dates are in (the server replaces them), but still checks the rest", () => {
    expect(updateSettingsSchema.safeParse({ ...ids, settings: outOfOrder, closeNow: true }).success).toBe(true);
    expect(issues(updateSettingsSchema.safeParse({ ...ids, settings: { ...outOfOrder, title: " " }, closeNow: true }))).toEqual([
      { path: ["settings", "title"], message: "Title is required." },
    ]);
  });
});

describe("an administrator's correction of a name", () => {
  const base = { userId: crypto.randomUUID(), from: "Siobhan OBrien" };
  it("takes a name as sign-up does: trimmed, required, at most 120 characters", () => {
    expect(renameAccountSchema.parse({ ...base, name: "  Siobhán O’Brien " }).name).toBe("Siobhán O’Brien");
    expect(renameAccountSchema.safeParse({ ...base, name: "x".repeat(120) }).success).toBe(true);
    for (const name of ["", "   ", "x".repeat(121)]) expect(renameAccountSchema.safeParse({ ...base, name }).success, name).toBe(false);
  });
});

describe("sign-in schema", () => {
  it("normalizes the email like sign-up does", () => {
    expect(signInSchema.parse({ email: " T@X.ORG", password: "p" }).email).toBe("t@x.org");
  });
});

describe("callback URLs", () => {
  it("keep same-site paths and drop everything else", () => {
    expect(callbackUrlSchema.parse("/join/MKTG3PRD")).toBe("/join/MKTG3PRD");
    expect(callbackUrlSchema.parse("https://evil.example")).toBeUndefined();
    expect(callbackUrlSchema.parse("//evil.example")).toBeUndefined();
    expect(callbackUrlSchema.parse("/\\evil.example")).toBeUndefined();
  });

  it("land only on pages: a download, an image or a redirect (every route handler) is dropped, the page beside it kept", () => {
    const s = "/sections/S1/assignments/A1";
    for (const handler of [
      `${s}/grades.csv`,
      "/sections/S1/grades.csv?format=canvas",
      "/sections/S1/roster.csv",
      `${s}/recap/2`,
      `${s}/grade/U1/next-ungraded`,
      "/api/account/export",
      "/api/images/I1",
      "/api/admin/students/U1/export",
      "/api",
    ])
      expect(callbackUrlSchema.parse(handler), handler).toBeUndefined();
    for (const page of [s, `${s}/recap`, `${s}/grade/U1`, "/sections/S1", "/account", "/admin/accounts?q=api", "/apiary"])
      expect(callbackUrlSchema.parse(page), page).toBe(page);
  });
});

describe("section form", () => {
  it("trims, requires a name and turns an empty term into null", () => {
    expect(sectionFormSchema.parse({ name: "  Period 3 ", term: "" })).toEqual({ name: "Period 3", term: null });
    expect(sectionFormSchema.safeParse({ name: "   ", term: "" }).success).toBe(false);
  });

  it("limits name and term lengths", () => {
    const errors = fieldErrors(sectionFormSchema.safeParse({ name: "n".repeat(81), term: "t".repeat(41) })) as Record<string, string[]>;
    expect(errors.name?.[0]).toMatch(/at most 80/);
    expect(errors.term?.[0]).toMatch(/at most 40/);
  });

  it("needs a real section id to rename", () => {
    expect(updateSectionSchema.safeParse({ sectionId: "1 OR 1=1", name: "x" }).success).toBe(false);
  });
});

describe("join form", () => {
  it("normalizes what students type", () => {
    expect(joinSchema.parse({ code: "mktg-3prd" }).code).toBe("MKTG3PRD");
  });

  it("explains malformed codes", () => {
    const errors = fieldErrors(joinSchema.safeParse({ code: "ABC" })) as Record<string, string[]>;
    expect(errors.code?.[0]).toMatch(/8 letters and digits/);
    expect((fieldErrors(joinSchema.safeParse({ code: "" })) as Record<string, string[]>).code?.[0]).toMatch(/Enter the code/);
  });

  it("names the look-alike characters a code never has, whatever its length", () => {
    const error = (code: string) => (fieldErrors(joinSchema.safeParse({ code })) as Record<string, string[]>).code?.[0];
    expect(error("MKTG-3PR0")).toBe(
      "Class codes never use 0, O, 1, I or L, so 0 must be another character: check the code with your teacher.",
    );
    expect(error("abcd-1l0o")).toBe(
      "Class codes never use 0, O, 1, I or L, so 1, L, 0, O must be other characters: check the code with your teacher.",
    );
    expect(error("ABC1")).toMatch(/so 1 must be another character/);
    expect(error("MKTG-3PR?")).toMatch(/8 letters and digits/); // not a look-alike: the shape is the problem
    expect(joinSchema.safeParse({ code: "MKTG-3PRD" }).success).toBe(true);
  });
});

describe("a student's draft", () => {
  const draft = (answers: Record<string, string>) => ({ ...emptyDraft(), answers });
  const save = (answers: Record<string, string>) =>
    saveDraftSchema.safeParse({ assignmentId: crypto.randomUUID(), baseVersion: 0, draft: draft(answers) });
  const answers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, "x".repeat(WORK_LIMITS.answer)]));

  it("holds answers to the lesson's questions and to some a teacher has since replaced, but not any number of them", () => {
    expect(save(answers(WORK_LIMITS.answers)).success).toBe(true);
    const refused = save(answers(WORK_LIMITS.answers + 1));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe(`A draft can hold at most ${WORK_LIMITS.answers} answers.`);
  });
});

describe("moving a section to another teacher", () => {
  const parse = (teacherEmail: unknown) =>
    transferSectionSchema.safeParse({ sectionId: crypto.randomUUID(), teacherEmail, confirmed: false, fromTeacherId: crypto.randomUUID() });
  const message = (teacherEmail: unknown) => parse(teacherEmail).error?.issues[0]?.message;
  it("takes an email as sign-in takes it: trimmed and lowercased", () => {
    expect(parse("  Ada.Lovelace@School.ORG ").data?.teacherEmail).toBe("ada.lovelace@school.org");
  });
  it("asks for the new teacher's email when empty, and says what is wrong with one that isn't an email", () => {
    expect(message("   ")).toBe("Enter the new teacher's email.");
    expect(message(undefined)).toBe("Enter the new teacher's email.");
    expect(message("ada at school")).toBe("Enter a valid email address, like name@school.org.");
    expect(message(`${"a".repeat(250)}@s.org`)).toBe("Email must be at most 254 characters.");
  });
});

describe("the grading view's view of the list (its address)", () => {
  it("keeps a place the sort can have, and drops one it can't: the student's own is used then", () => {
    const at = (query: Record<string, string>) => gradingViewSchema.parse(query).at;
    // Allowed: a status's place, a total, none (-1), a time up to the year 9999.
    expect([at({ sort: "status", at: "3" }), at({ sort: "total", at: "-1" }), at({ sort: "total", at: String(2 ** 31 - 1) })]).toEqual([
      3,
      -1,
      2 ** 31 - 1,
    ]);
    expect(at({ sort: "submittedAt", at: String(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) })).toBe(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
    // Refused: past the last status, more than a database integer, after 9999, not a whole number, in name order, garbage.
    for (const query of [
      { sort: "status", at: "8" },
      { sort: "total", at: String(2 ** 31) },
      { sort: "submittedAt", at: "8640000000000000" },
      { sort: "submittedAt", at: "-2" },
      { sort: "total", at: "1.5" },
      { sort: "label", at: "3" },
      { sort: "total", at: "soon" },
    ])
      expect(at(query), JSON.stringify(query)).toBeUndefined();
    // The view itself: anything unknown is the class order.
    expect(gradingViewSchema.parse({ filter: "nope", sort: "drop", dir: "sideways", page: "-1" })).toEqual({
      filter: "all",
      sort: "label",
      dir: "asc",
      at: undefined,
    });
  });
});
