import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { signInThrottle } from "@/db/schema";
import { UNKNOWN_ADDRESS } from "@/lib/client-address";
import { FieldError } from "@/lib/errors";
import { THROTTLE } from "@/lib/sign-in-throttle";
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
    expect(await joinSection(student, s.joinCode, UNKNOWN_ADDRESS)).toMatchObject({ sectionId: s.id, alreadyEnrolled: false });
    expect(await joinSection(student, s.joinCode, UNKNOWN_ADDRESS)).toMatchObject({ sectionId: s.id, alreadyEnrolled: true });
    expect(await listStudentClasses(student)).toHaveLength(1);
    expect((await listStudentClasses(student))[0]).toMatchObject({ name: "Period 3", teacherName: t.row.name });
  });

  it("lets a student be in several sections", async () => {
    const t = await user("teacher");
    const student = (await user("student")).actor;
    await joinSection(student, (await section(t.row.id)).joinCode, UNKNOWN_ADDRESS);
    await joinSection(student, (await section(t.row.id)).joinCode, UNKNOWN_ADDRESS);
    expect(await listStudentClasses(student)).toHaveLength(2);
  });

  it("refuses unknown codes, joining turned off, archived sections and removed students", async () => {
    const t = await user("teacher");
    const student = (await user("student")).actor;
    expect(await refusalOf(async () => await joinSection(student, "ZZZZ2222", UNKNOWN_ADDRESS))).toBe(JOIN_REFUSALS.unknown);
    expect(
      await refusalOf(async () => await joinSection(student, (await section(t.row.id, { joinEnabled: false })).joinCode, UNKNOWN_ADDRESS)),
    ).toBe(JOIN_REFUSALS.disabled);
    expect(
      await refusalOf(
        async () => await joinSection(student, (await section(t.row.id, { archivedAt: new Date() })).joinCode, UNKNOWN_ADDRESS),
      ),
    ).toBe(JOIN_REFUSALS.archived);
    const s = await section(t.row.id);
    await enrollment(s.id, student.id, new Date());
    expect(await refusalOf(async () => await joinSection(student, s.joinCode, UNKNOWN_ADDRESS))).toBe(JOIN_REFUSALS.removed);
    expect(await listStudentClasses(student)).toHaveLength(0);
  });

  it("stops accepting the old code once the teacher makes a new one", async () => {
    const t = await user("teacher");
    const s = await section(t.row.id);
    const fresh = await regenerateJoinCode(t.actor, s.id);
    const student = (await user("student")).actor;
    expect(await refusalOf(async () => await joinSection(student, s.joinCode, UNKNOWN_ADDRESS))).toBe(JOIN_REFUSALS.unknown);
    expect((await joinSection(student, fresh.joinCode, UNKNOWN_ADDRESS)).sectionId).toBe(s.id);
  });

  it("previews a code with the acting student's own standing", async () => {
    const t = await user("teacher");
    const s = await section(t.row.id, { name: "Econ" });
    const student = (await user("student")).actor;
    expect(await previewJoinCode(null, s.joinCode, UNKNOWN_ADDRESS)).toMatchObject({
      sectionName: "Econ",
      refusal: null,
      enrollment: null,
    });
    await joinSection(student, s.joinCode, UNKNOWN_ADDRESS);
    expect(await previewJoinCode(student, s.joinCode, UNKNOWN_ADDRESS)).toMatchObject({ enrollment: "active" });
    expect(await previewJoinCode(null, "ZZZZ2222", UNKNOWN_ADDRESS)).toBeNull();
  });

  it("counts codes that match no class, per student and (signed out) per address, and at the limit pauses every code for 15 minutes", async () => {
    const now = new Date();
    const t = await user("teacher");
    const s = await section(t.row.id, { name: "Econ" });
    const guesser = (await user("student")).actor;
    const address = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const elsewhere = "192.0.2.77";
    const wrong = () => `ZZZZ${String(Math.floor(Math.random() * 8999) + 1000).replace(/[01]/g, "2")}`;

    // One short of the student's limit, the wrong codes are told apart from a class's.
    for (let i = 0; i < THROTTLE.wrongJoinCodesPerAccount - 1; i++)
      expect(await refusalOf(async () => await joinSection(guesser, wrong(), elsewhere, now))).toBe(JOIN_REFUSALS.unknown);
    expect(await previewJoinCode(guesser, s.joinCode, elsewhere, now)).toMatchObject({ sectionName: "Econ" });
    // The one that reaches it: still "no class", then every code, right or wrong, on the page and in the form.
    expect(await previewJoinCode(guesser, wrong(), elsewhere, now)).toBeNull();
    expect(await previewJoinCode(guesser, s.joinCode, elsewhere, now)).toBe("paused");
    expect(await refusalOf(async () => await joinSection(guesser, s.joinCode, elsewhere, now))).toBe(JOIN_REFUSALS.paused);
    // Another student there is not paused; the guesser is joined once the pause is over.
    const classmate = (await user("student")).actor;
    expect(await joinSection(classmate, s.joinCode, elsewhere, now)).toMatchObject({ sectionId: s.id });
    const later = new Date(now.getTime() + THROTTLE.lockMs + 1000);
    expect(await joinSection(guesser, s.joinCode, elsewhere, later)).toMatchObject({ sectionId: s.id });

    // Signed out, per address: at its limit that address is paused for visitors who are not signed
    // in, and no other; a student who signs in there is not (else one student could pause a school).
    await (
      await getDatabase()
    ).writer
      .insert(signInThrottle)
      .values({ key: `join-address:${address}`, failures: THROTTLE.wrongJoinCodesPerAddress - 1, windowStartedAt: now });
    expect(await previewJoinCode(null, wrong(), address, now)).toBeNull();
    expect(await previewJoinCode(null, s.joinCode, address, now)).toBe("paused");
    expect(await previewJoinCode((await user("student")).actor, s.joinCode, address, now)).toMatchObject({ sectionName: "Econ" });
    expect(await previewJoinCode(null, s.joinCode, elsewhere, now)).toMatchObject({ sectionName: "Econ" });
  });
});
