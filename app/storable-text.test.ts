import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { addImage } from "@/db/queries/work";
import { assignments, sections, submissionImages, submissions } from "@/db/schema";
import type { TokenClaims } from "@/lib/server/auth";
import { classroom, fakeImage } from "@/lib/test/factories";
import { settingsVersion } from "@/lib/lesson/part-version";
import { UNSTORABLE_TEXT } from "@/lib/validations/common";
import type { Draft } from "@/lib/validations/workspace";

/**
 * Text PostgreSQL can't store (a NUL character anywhere; a lone UTF-16 surrogate in jsonb) is
 * refused next to its field by the server actions, on both databases, where it used to be saved on
 * SQLite and a 500 on PostgreSQL; ordinary text with accents and emoji is saved as it was typed.
 * Dates in years PostgreSQL can't take (0000, or past 9999 once the offset is applied) likewise.
 */

let claims: TokenClaims | null = null;
vi.mock("@/lib/server/auth", () => ({ auth: async () => (claims ? { claims } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createSectionAction } = await import("./sections/actions");
const { createAssignmentAction, updateSettingsAction } = await import("./sections/[sectionId]/assignments/actions");
const { saveDraftAction, updateCaptionAction } = await import("./assignments/[assignmentId]/actions");

const signedIn = (row: { id: string; role: TokenClaims["role"]; sessionVersion: number }) => {
  claims = { uid: row.id, role: row.role, sv: row.sessionVersion, sid: crypto.randomUUID(), st: Math.floor(Date.now() / 1000) };
};
const refused = (field: string) => ({ ok: false, code: "invalid", fieldErrors: { [field]: [UNSTORABLE_TEXT] } });
const ORDINARY = "Zoë 🎉 — naïve café";

beforeEach(() => {
  claims = null;
});

describe("a teacher's forms", () => {
  it("refuse a section name or term that can't be stored, and save an ordinary one", async () => {
    const { teacher } = await classroom();
    signedIn(teacher.row);
    expect(await createSectionAction({ name: "Period\u00003", term: "" })).toMatchObject(refused("name"));
    expect(await createSectionAction({ name: "Period 3", term: "Fall \ud800" })).toMatchObject(refused("term"));

    const created = await createSectionAction({ name: ORDINARY, term: "Fall 🍂" });
    expect(created.ok).toBe(true);
    const names = await (
      await getDb()
    )
      .select({ name: sections.name, term: sections.term })
      .from(sections)
      .where(eq(sections.teacherId, teacher.row.id));
    expect(names).toContainEqual({ name: ORDINARY, term: "Fall 🍂" });
    expect(names.map((s) => s.name)).not.toContain("Period\u00003");
  });

  it("refuse a due or close date in a year no database can store, and save one in an ordinary year", async () => {
    const { teacher, section, assignment } = await classroom();
    signedIn(teacher.row);
    const settings = (dueAt: string, closeAt: string | null = null) => ({
      title: ORDINARY,
      instructions: "",
      dueAt,
      acceptLate: true,
      closeAt,
    });
    const ref = { sectionId: section.id, assignmentId: assignment.id };

    for (const [dueAt, closeAt] of [
      ["0000-12-31T23:30:00Z", null],
      ["1999-12-31T23:59:59Z", null],
      ["2027-03-01T09:00:00Z", "9999-12-31T23:59:00-23:59"],
    ] as const) {
      const field = closeAt ? "closeAt" : "dueAt";
      const result = await updateSettingsAction({ ...ref, base: settingsVersion(assignment), settings: settings(dueAt, closeAt) });
      expect(result).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { settings: [expect.stringMatching(/year from 2000 to 9998/)] },
      });
      expect(JSON.stringify(result)).toContain(field === "closeAt" ? "The close date" : "The due date");
    }
    expect(await createAssignmentAction({ sectionId: section.id, settings: settings("0000-12-31T23:30:00Z") })).toMatchObject({
      ok: false,
      code: "invalid",
    });

    const saved = await updateSettingsAction({
      ...ref,
      base: settingsVersion(assignment),
      settings: settings("2027-03-01T09:00:00Z", "2027-03-08T09:00:00+02:00"),
    });
    expect(saved).toEqual({
      ok: true,
      data: { version: expect.any(String), dueAt: new Date("2027-03-01T09:00:00Z"), closeAt: new Date("2027-03-08T07:00:00Z") },
    });
    const [stored] = await (await getDb()).select().from(assignments).where(eq(assignments.id, assignment.id));
    expect(stored).toMatchObject({ title: ORDINARY, dueAt: new Date("2027-03-01T09:00:00Z"), closeAt: new Date("2027-03-08T07:00:00Z") });
    const created = await createAssignmentAction({ sectionId: section.id, settings: settings("2027-03-01T09:00:00Z") });
    expect(created.ok).toBe(true);
  });
});

describe("a student's draft and captions", () => {
  const draft = (change: Partial<Draft>): Draft => ({ ideas: [], picks: [], copy: "", answers: {}, ...change });

  it("refuse text that can't be stored anywhere in the draft, keys of its answers included, and save ordinary text", async () => {
    const { student, assignment } = await classroom();
    signedIn(student.row);
    const save = (change: Partial<Draft>) => saveDraftAction({ assignmentId: assignment.id, baseVersion: 0, draft: draft(change) });

    const unstorable: Partial<Draft>[] = [
      { copy: "Hi\u0000" },
      { copy: "Hi \ud800" },
      { ideas: [{ id: "i1", text: "an idea \udc00" }] },
      { ideas: [{ id: "i\u0000", text: "an idea" }] },
      { picks: [{ columnId: "c1", reason: "because\u0000" }] },
      { answers: { q1: "an answer \ud83c" } },
      { answers: { "q1\u0000": "an answer" } },
    ];
    for (const change of unstorable) {
      expect(await save(change)).toMatchObject({ ok: false, code: "invalid", fieldErrors: { draft: [expect.any(String)] } });
    }
    expect(await (await getDb()).select().from(submissions).where(eq(submissions.assignmentId, assignment.id))).toEqual([]);

    const ordinary = draft({ copy: ORDINARY, ideas: [{ id: "i1", text: ORDINARY }], answers: { q1: ORDINARY } });
    expect(await saveDraftAction({ assignmentId: assignment.id, baseVersion: 0, draft: ordinary })).toMatchObject({
      ok: true,
      data: { saved: true },
    });
    const [submission] = await (await getDb()).select().from(submissions).where(eq(submissions.assignmentId, assignment.id));
    expect(submission!.draft).toMatchObject({ copy: ORDINARY, ideas: [{ id: "i1", text: ORDINARY }], answers: { q1: ORDINARY } });
  });

  it("refuse a caption that can't be stored, and save an ordinary one", async () => {
    const { student, assignment } = await classroom();
    signedIn(student.row);
    const image = await addImage(student.actor, assignment.id, fakeImage(), "");
    expect(await updateCaptionAction({ imageId: image.id, caption: "My card\u0000" })).toMatchObject(refused("caption"));
    expect(await updateCaptionAction({ imageId: image.id, caption: ORDINARY })).toEqual({ ok: true, data: null });
    const [stored] = await (await getDb()).select().from(submissionImages).where(eq(submissionImages.id, image.id));
    expect(stored!.caption).toBe(ORDINARY);
  });
});
