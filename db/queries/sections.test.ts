import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { makeUser } from "@/db/factories";
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
  it("creates a section with a fresh join code and lists it for its teacher only", async () => {
    const a = (await user("teacher")).actor;
    const b = (await user("teacher")).actor;
    const created = await createSection(a, { name: "Period 3", term: "Fall" });
    expect(created.joinCode).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect((await listTeacherSections(a, { archived: false })).map((s) => s.id)).toContain(created.id);
    expect((await listTeacherSections(b, { archived: false })).map((s) => s.id)).not.toContain(created.id);
  });

  it("answers NotFound for another teacher's section, for reads and every write", async () => {
    const owner = (await user("teacher")).actor;
    const other = (await user("teacher")).actor;
    const s = await createSection(owner, { name: "Mine", term: null });
    await expect(getTeacherSection(other, s.id)).rejects.toThrow(NotFoundError);
    await expect(renameSection(other, s.id, { name: "Stolen", term: null })).rejects.toThrow(NotFoundError);
    await expect(setSectionArchived(other, s.id, true)).rejects.toThrow(NotFoundError);
    await expect(setJoinEnabled(other, s.id, false)).rejects.toThrow(NotFoundError);
    await expect(regenerateJoinCode(other, s.id)).rejects.toThrow(NotFoundError);
    await expect(listRoster(other, s.id)).rejects.toThrow(NotFoundError);
    const after = await getTeacherSection(owner, s.id);
    expect(after).toMatchObject({ name: "Mine", archivedAt: null, joinEnabled: true, joinCode: s.joinCode });
  });

  it("renames, archives and restores", async () => {
    const t = (await user("teacher")).actor;
    const s = await createSection(t, { name: "Old", term: null });
    expect(await renameSection(t, s.id, { name: "New", term: "Spring" })).toMatchObject({ name: "New", term: "Spring" });
    await setSectionArchived(t, s.id, true);
    expect((await listTeacherSections(t, { archived: true })).map((x) => x.id)).toContain(s.id);
    expect((await listTeacherSections(t, { archived: false })).map((x) => x.id)).not.toContain(s.id);
    await setSectionArchived(t, s.id, false);
    expect((await getTeacherSection(t, s.id)).archivedAt).toBeNull();
  });

  it("replaces the join code on regenerate", async () => {
    const t = (await user("teacher")).actor;
    const s = await createSection(t, { name: "S", term: null });
    const next = await regenerateJoinCode(t, s.id);
    expect(next.joinCode).not.toBe(s.joinCode);
  });

  it("counts only active students, and removing keeps the enrollment for restore", async () => {
    const t = (await user("teacher")).actor;
    const s = await section(t.id);
    const kept = await user("student");
    const gone = await user("student");
    await enrollment(s.id, kept.row.id);
    const e = await enrollment(s.id, gone.row.id);
    await setEnrollmentRemoved(t, s.id, e.id, true);
    expect((await listTeacherSections(t, { archived: false })).find((x) => x.id === s.id)?.studentCount).toBe(1);
    expect((await listRoster(t, s.id)).find((r) => r.enrollmentId === e.id)?.removedAt).toBeInstanceOf(Date);
    expect(await listStudentClasses(gone.actor)).toHaveLength(0);
    await setEnrollmentRemoved(t, s.id, e.id, false);
    expect((await listStudentClasses(gone.actor)).map((c) => c.sectionId)).toEqual([s.id]);
  });

  it("lists the roster in name order whatever the capitals and accents, as the gradebook export does", async () => {
    const t = (await user("teacher")).actor;
    const s = await section(t.id);
    const writer = (await getDatabase()).writer;
    for (const name of [
      "Zoe Zhang",
      "Łukasz Nowak",
      "ada lovelace",
      "Zoë Brontë",
      "Bea Brown",
      "Ángela Ruiz",
      "ALI ALVAREZ",
      "Émile Zola",
    ]) {
      const student = await makeUser(writer, {
        role: "student",
        email: `${name.replace(/ /g, ".").toLowerCase()}@unit.test`,
        name,
        passwordHash: "x",
      });
      await enrollment(s.id, student.id);
    }
    expect((await listRoster(t, s.id)).map((r) => r.name)).toEqual([
      "ada lovelace",
      "ALI ALVAREZ",
      "Ángela Ruiz",
      "Bea Brown",
      "Émile Zola",
      "Łukasz Nowak",
      "Zoë Brontë",
      "Zoe Zhang",
    ]);
  });

  it("refuses to remove an enrollment through someone else's section id", async () => {
    const owner = (await user("teacher")).actor;
    const other = (await user("teacher")).actor;
    const s = await section(owner.id);
    const otherSection = await section(other.id);
    const e = await enrollment(s.id, (await user("student")).row.id);
    await expect(setEnrollmentRemoved(other, otherSection.id, e.id, true)).rejects.toThrow(NotFoundError);
    await expect(setEnrollmentRemoved(other, s.id, e.id, true)).rejects.toThrow(NotFoundError);
    expect((await listRoster(owner, s.id))[0]?.removedAt).toBeNull();
  });
});
