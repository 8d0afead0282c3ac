import { describe, expect, it } from "vitest";
import { FieldError } from "@/lib/errors";
import { enrollment, section, user } from "@/lib/test/factories";
import { joinSection, JOIN_REFUSALS, listStudentClasses, previewJoinCode } from "./enrollments";
import { regenerateJoinCode } from "./sections";

async function refusalOf(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof FieldError) return error.fieldErrors.code?.[0];
    throw error;
  }
  return undefined;
}

describe("joining a section", () => {
  it("enrolls a student, and joining twice changes nothing", async () => {
    const t = await user("teacher");
    const s = await section(t.row.id, { name: "Period 3" });
    const student = (await user("student")).actor;
    expect(await joinSection(student, s.joinCode)).toMatchObject({ sectionId: s.id, alreadyEnrolled: false });
    expect(await joinSection(student, s.joinCode)).toMatchObject({ sectionId: s.id, alreadyEnrolled: true });
    expect(await listStudentClasses(student)).toHaveLength(1);
    expect((await listStudentClasses(student))[0]).toMatchObject({ name: "Period 3", teacherName: t.row.name });
  });

  it("lets a student be in several sections", async () => {
    const t = await user("teacher");
    const student = (await user("student")).actor;
    await joinSection(student, (await section(t.row.id)).joinCode);
    await joinSection(student, (await section(t.row.id)).joinCode);
    expect(await listStudentClasses(student)).toHaveLength(2);
  });

  it("refuses unknown codes, joining turned off, archived sections and removed students", async () => {
    const t = await user("teacher");
    const student = (await user("student")).actor;
    expect(await refusalOf(async () => await joinSection(student, "ZZZZ2222"))).toBe(JOIN_REFUSALS.unknown);
    expect(await refusalOf(async () => await joinSection(student, (await section(t.row.id, { joinEnabled: false })).joinCode))).toBe(
      JOIN_REFUSALS.disabled,
    );
    expect(await refusalOf(async () => await joinSection(student, (await section(t.row.id, { archivedAt: new Date() })).joinCode))).toBe(
      JOIN_REFUSALS.archived,
    );
    const s = await section(t.row.id);
    await enrollment(s.id, student.id, new Date());
    expect(await refusalOf(async () => await joinSection(student, s.joinCode))).toBe(JOIN_REFUSALS.removed);
    expect(await listStudentClasses(student)).toHaveLength(0);
  });

  it("stops accepting the old code once the teacher makes a new one", async () => {
    const t = await user("teacher");
    const s = await section(t.row.id);
    const fresh = await regenerateJoinCode(t.actor, s.id);
    const student = (await user("student")).actor;
    expect(await refusalOf(async () => await joinSection(student, s.joinCode))).toBe(JOIN_REFUSALS.unknown);
    expect((await joinSection(student, fresh.joinCode)).sectionId).toBe(s.id);
  });

  it("previews a code with the acting student's own standing", async () => {
    const t = await user("teacher");
    const s = await section(t.row.id, { name: "Econ" });
    const student = (await user("student")).actor;
    expect(await previewJoinCode(null, s.joinCode)).toMatchObject({ sectionName: "Econ", refusal: null, enrollment: null });
    await joinSection(student, s.joinCode);
    expect((await previewJoinCode(student, s.joinCode))?.enrollment).toBe("active");
    expect(await previewJoinCode(null, "ZZZZ2222")).toBeNull();
  });
});
