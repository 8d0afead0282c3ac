import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { accessLog } from "@/db/schema";
import type { TokenClaims } from "@/lib/server/auth";
import { acknowledgeErasure, eraseStudent, scheduleErasure } from "@/db/queries/privacy";
import { classroom, enrollment, user } from "@/lib/test/factories";

/**
 * Each grades or roster CSV download leaves one access-log row naming the file, and one more for each
 * student in it (so it shows in that student's own record); a refused one leaves none.
 */

let claims: TokenClaims | null = null;
vi.mock("@/lib/server/auth", () => ({ auth: async () => (claims ? { claims } : null) }));

const { GET: sectionCsv } = await import("./grades.csv/route");
const { GET: assignmentCsv } = await import("./assignments/[assignmentId]/grades.csv/route");
const { GET: rosterCsv } = await import("./roster.csv/route");
const { GET: erasureCsv } = await import("./erasures/[requestId]/grades.csv/route");

const signedIn = (row: { id: string; role: TokenClaims["role"]; sessionVersion: number }) => {
  claims = { uid: row.id, role: row.role, sv: row.sessionVersion, sid: crypto.randomUUID(), st: Math.floor(Date.now() / 1000) };
};

describe("grades CSV downloads", () => {
  it("are logged with the downloaded file's name, once each and once for each student in them", async () => {
    const { teacher, section, assignment, student } = await classroom();
    signedIn(teacher.row);
    const one = await assignmentCsv(new Request(`http://app.test/x?format=canvas`), {
      params: Promise.resolve({ sectionId: section.id, assignmentId: assignment.id }),
    });
    expect(one.status).toBe(200);
    await one.text();
    const all = await sectionCsv(new Request(`http://app.test/x`), { params: Promise.resolve({ sectionId: section.id }) });
    expect(all.status).toBe(200);
    await all.text();

    const rows = await (await getDb()).select().from(accessLog).where(eq(accessLog.sectionId, section.id));
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(
      expect.arrayContaining(
        [null, student.row.id].flatMap((studentId) => [
          expect.objectContaining({
            action: "export_grades",
            actorId: teacher.row.id,
            studentId,
            assignmentId: assignment.id,
            detail: `${section.name} - ${assignment.title} - grades (canvas).csv`,
          }),
          expect.objectContaining({
            action: "export_grades",
            studentId,
            assignmentId: null,
            detail: `${section.name} - all grades.csv`,
          }),
        ]),
      ),
    );
  });

  it("leave no row when refused", async () => {
    const { section, assignment } = await classroom();
    const other = await user("teacher");
    signedIn(other.row);
    const refused = await assignmentCsv(new Request(`http://app.test/x`), {
      params: Promise.resolve({ sectionId: section.id, assignmentId: assignment.id }),
    });
    expect(refused.status).toBe(404);
    expect(await (await getDb()).select().from(accessLog).where(eq(accessLog.sectionId, section.id))).toEqual([]);
  });

  it("of the roster are logged too, and not when refused", async () => {
    const { teacher, section, student } = await classroom();
    signedIn((await user("teacher")).row);
    const refused = await rosterCsv(new Request(`http://app.test/x`), { params: Promise.resolve({ sectionId: section.id }) });
    expect(refused.status).toBe(404);
    expect(await (await getDb()).select().from(accessLog).where(eq(accessLog.sectionId, section.id))).toEqual([]);

    signedIn(teacher.row);
    const roster = await rosterCsv(new Request(`http://app.test/x`), { params: Promise.resolve({ sectionId: section.id }) });
    expect(roster.status).toBe(200);
    await roster.text();
    const rows = await (await getDb()).select().from(accessLog).where(eq(accessLog.sectionId, section.id));
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining(
        [null, student.row.id].map((studentId) =>
          expect.objectContaining({
            action: "export_roster",
            actorId: teacher.row.id,
            studentId,
            assignmentId: null,
            detail: `${section.name} - roster.csv`,
          }),
        ),
      ),
    );
  });

  it("of one student before their erasure point to that student only, by id and never by name; refused to another teacher, with no row", async () => {
    const { teacher, section, student } = await classroom();
    const classmate = await user("student");
    await enrollment(section.id, classmate.row.id);
    const request = await scheduleErasure((await user("admin")).actor, student.row.id);
    const params = { params: Promise.resolve({ sectionId: section.id, requestId: request.id }) };

    signedIn((await user("teacher")).row);
    expect((await erasureCsv(new Request(`http://app.test/x`), params)).status).toBe(404);
    expect(await (await getDb()).select().from(accessLog).where(eq(accessLog.sectionId, section.id))).toEqual([]);

    signedIn(teacher.row);
    const file = await erasureCsv(new Request(`http://app.test/x?bom=1`), params);
    expect(file.status).toBe(200);
    const text = Buffer.from(await file.arrayBuffer()).toString("utf8"); // Response.text() would drop the byte-order mark
    expect(text.startsWith(`\uFEFF"Student","Email","Section","Assignment",`)).toBe(true);
    expect(text).toContain(student.row.email);
    expect(text).not.toContain(classmate.row.email);
    // The file is named after the student for the teacher; the log row points to the student by id.
    expect(file.headers.get("content-disposition")).toContain(encodeURIComponent(student.row.name));
    const detail = `${section.name} - a student's grades before erasure.csv`;
    const rows = await (await getDb()).select().from(accessLog).where(eq(accessLog.sectionId, section.id));
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining(
        [null, student.row.id].map((studentId) =>
          expect.objectContaining({ action: "export_grades", actorId: teacher.row.id, studentId, assignmentId: null, detail }),
        ),
      ),
    );

    // Once erased, nothing in the log says who it was.
    await acknowledgeErasure(teacher.actor, request.id);
    await eraseStudent((await user("admin")).actor, student.row.id, student.row.email);
    const log = JSON.stringify(await (await getDb()).select().from(accessLog).where(eq(accessLog.sectionId, section.id)));
    expect(log).toContain(detail);
    for (const trace of [student.row.id, student.row.email, student.row.name]) expect(log).not.toContain(trace);
  });
});
