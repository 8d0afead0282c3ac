import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { enrollment, section, user } from "@/lib/test/factories";
import {
  createSection,
  getTeacherSection,
  listRoster,
  listTeacherSections,
  regenerateJoinCode,
  renameSection,
  setEnrollmentRemoved,
  setJoinEnabled,
  setSectionArchived,
} from "./sections";
import { listStudentClasses } from "./enrollments";

describe("sections, scoped to the acting teacher", () => {
  it("creates a section with a fresh join code and lists it for its teacher only", () => {
    const a = user("teacher").actor;
    const b = user("teacher").actor;
    const created = createSection(a, { name: "Period 3", term: "Fall" });
    expect(created.joinCode).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(listTeacherSections(a, { archived: false }).map((s) => s.id)).toContain(created.id);
    expect(listTeacherSections(b, { archived: false }).map((s) => s.id)).not.toContain(created.id);
  });

  it("answers NotFound for another teacher's section, for reads and every write", () => {
    const owner = user("teacher").actor;
    const other = user("teacher").actor;
    const s = createSection(owner, { name: "Mine", term: null });
    expect(() => getTeacherSection(other, s.id)).toThrow(NotFoundError);
    expect(() => renameSection(other, s.id, { name: "Stolen", term: null })).toThrow(NotFoundError);
    expect(() => setSectionArchived(other, s.id, true)).toThrow(NotFoundError);
    expect(() => setJoinEnabled(other, s.id, false)).toThrow(NotFoundError);
    expect(() => regenerateJoinCode(other, s.id)).toThrow(NotFoundError);
    expect(() => listRoster(other, s.id)).toThrow(NotFoundError);
    const after = getTeacherSection(owner, s.id);
    expect(after).toMatchObject({ name: "Mine", archivedAt: null, joinEnabled: true, joinCode: s.joinCode });
  });

  it("renames, archives and restores", () => {
    const t = user("teacher").actor;
    const s = createSection(t, { name: "Old", term: null });
    expect(renameSection(t, s.id, { name: "New", term: "Spring" })).toMatchObject({ name: "New", term: "Spring" });
    setSectionArchived(t, s.id, true);
    expect(listTeacherSections(t, { archived: true }).map((x) => x.id)).toContain(s.id);
    expect(listTeacherSections(t, { archived: false }).map((x) => x.id)).not.toContain(s.id);
    setSectionArchived(t, s.id, false);
    expect(getTeacherSection(t, s.id).archivedAt).toBeNull();
  });

  it("replaces the join code on regenerate", () => {
    const t = user("teacher").actor;
    const s = createSection(t, { name: "S", term: null });
    const next = regenerateJoinCode(t, s.id);
    expect(next.joinCode).not.toBe(s.joinCode);
  });

  it("counts only active students, and removing keeps the enrollment for restore", () => {
    const t = user("teacher").actor;
    const s = section(t.id);
    const kept = user("student");
    const gone = user("student");
    enrollment(s.id, kept.row.id);
    const e = enrollment(s.id, gone.row.id);
    setEnrollmentRemoved(t, s.id, e.id, true);
    expect(listTeacherSections(t, { archived: false }).find((x) => x.id === s.id)?.studentCount).toBe(1);
    expect(listRoster(t, s.id).find((r) => r.enrollmentId === e.id)?.removedAt).toBeInstanceOf(Date);
    expect(listStudentClasses(gone.actor)).toHaveLength(0);
    setEnrollmentRemoved(t, s.id, e.id, false);
    expect(listStudentClasses(gone.actor).map((c) => c.sectionId)).toEqual([s.id]);
  });

  it("refuses to remove an enrollment through someone else's section id", () => {
    const owner = user("teacher").actor;
    const other = user("teacher").actor;
    const s = section(owner.id);
    const otherSection = section(other.id);
    const e = enrollment(s.id, user("student").row.id);
    expect(() => setEnrollmentRemoved(other, otherSection.id, e.id, true)).toThrow(NotFoundError);
    expect(() => setEnrollmentRemoved(other, s.id, e.id, true)).toThrow(NotFoundError);
    expect(listRoster(owner, s.id)[0]?.removedAt).toBeNull();
  });
});
