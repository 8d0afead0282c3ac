import { describe, expect, it } from "vitest";
import { FieldError } from "@/lib/errors";
import { enrollment, section, user } from "@/lib/test/factories";
import { joinSection, JOIN_REFUSALS, listStudentClasses, previewJoinCode } from "./enrollments";
import { regenerateJoinCode } from "./sections";

function refusalOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof FieldError) return error.fieldErrors.code?.[0];
    throw error;
  }
  return undefined;
}

describe("joining a section", () => {
  it("enrolls a student, and joining twice changes nothing", () => {
    const t = user("teacher");
    const s = section(t.row.id, { name: "Period 3" });
    const student = user("student").actor;
    expect(joinSection(student, s.joinCode)).toMatchObject({ sectionId: s.id, alreadyEnrolled: false });
    expect(joinSection(student, s.joinCode)).toMatchObject({ sectionId: s.id, alreadyEnrolled: true });
    expect(listStudentClasses(student)).toHaveLength(1);
    expect(listStudentClasses(student)[0]).toMatchObject({ name: "Period 3", teacherName: t.row.name });
  });

  it("lets a student be in several sections", () => {
    const t = user("teacher");
    const student = user("student").actor;
    joinSection(student, section(t.row.id).joinCode);
    joinSection(student, section(t.row.id).joinCode);
    expect(listStudentClasses(student)).toHaveLength(2);
  });

  it("refuses unknown codes, joining turned off, archived sections and removed students", () => {
    const t = user("teacher");
    const student = user("student").actor;
    expect(refusalOf(() => joinSection(student, "ZZZZ2222"))).toBe(JOIN_REFUSALS.unknown);
    expect(refusalOf(() => joinSection(student, section(t.row.id, { joinEnabled: false }).joinCode))).toBe(JOIN_REFUSALS.disabled);
    expect(refusalOf(() => joinSection(student, section(t.row.id, { archivedAt: new Date() }).joinCode))).toBe(JOIN_REFUSALS.archived);
    const s = section(t.row.id);
    enrollment(s.id, student.id, new Date());
    expect(refusalOf(() => joinSection(student, s.joinCode))).toBe(JOIN_REFUSALS.removed);
    expect(listStudentClasses(student)).toHaveLength(0);
  });

  it("stops accepting the old code once the teacher makes a new one", () => {
    const t = user("teacher");
    const s = section(t.row.id);
    const fresh = regenerateJoinCode(t.actor, s.id);
    const student = user("student").actor;
    expect(refusalOf(() => joinSection(student, s.joinCode))).toBe(JOIN_REFUSALS.unknown);
    expect(joinSection(student, fresh.joinCode).sectionId).toBe(s.id);
  });

  it("previews a code with the acting student's own standing", () => {
    const t = user("teacher");
    const s = section(t.row.id, { name: "Econ" });
    const student = user("student").actor;
    expect(previewJoinCode(null, s.joinCode)).toMatchObject({ sectionName: "Econ", refusal: null, enrollment: null });
    joinSection(student, s.joinCode);
    expect(previewJoinCode(student, s.joinCode)?.enrollment).toBe("active");
    expect(previewJoinCode(null, "ZZZZ2222")).toBeNull();
  });
});
