import { describe, expect, it, vi } from "vitest";
import type { TokenClaims } from "@/lib/server/auth";
import { imageQueue } from "@/lib/server/image-queue";
import { SERVER_BUSY } from "@/lib/server/request-edge";
import { getDatabase } from "@/db";
import { makeSubmission } from "@/db/factories";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { classroom } from "@/lib/test/factories";

/**
 * A Class Recap card as a PNG: drawn in its turn in the image queue (one at a time here, one more in
 * line), like uploads and the studio's cards, so a burst of downloads cannot take every core.
 */

process.env.IMAGE_CONCURRENCY = "1";
process.env.IMAGE_QUEUE_MAX = "1";

let claims: TokenClaims | null = null;
vi.mock("@/lib/server/auth", () => ({ auth: async () => (claims ? { claims } : null) }));

// The drawing itself is lib/server/card-render.test.ts's (and e2e/recap.spec.ts downloads real PNGs):
// resvg's native module loaded in more of Vitest's worker threads (this file runs on SQLite and on
// PostgreSQL) made the test process die now and then with a segmentation fault at exit, after every
// test had passed.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const drawn: string[] = [];
vi.mock("@/lib/server/card-render", () => ({
  renderCardPng: async (_settings: unknown, card: { blocks: { lines: string[] }[] }) => {
    drawn.push(card.blocks.flatMap((b) => b.lines).join(" "));
    return PNG;
  },
}));
const { GET } = await import("./route");

/** A class whose one student has submitted, so the recap has its cards. */
async function teacherOfClass() {
  const room = await classroom();
  await makeSubmission((await getDatabase()).writer, {
    assignment: room.assignment,
    studentId: room.student.row.id,
    draft: SAMPLE_DRAFTS.complete,
    submittedAt: [new Date()],
  });
  claims = {
    uid: room.teacher.row.id,
    role: "teacher",
    sv: room.teacher.row.sessionVersion,
    sid: crypto.randomUUID(),
    st: Math.floor(Date.now() / 1000),
  };
  return room;
}

const download = (sectionId: string, assignmentId: string, slide = "1") =>
  GET(new Request(`http://app.test/sections/${sectionId}/assignments/${assignmentId}/recap/${slide}`), {
    params: Promise.resolve({ sectionId, assignmentId, slide }),
  });

describe("a Class Recap card as a PNG", () => {
  it("is drawn for the class's teacher, in its turn, and answered 'busy' once the line is full", async () => {
    const { section, assignment } = await teacherOfClass();
    drawn.length = 0;
    let release!: () => void;
    const held = imageQueue().run(() => new Promise<void>((resolve) => (release = resolve)));
    await vi.waitFor(() => expect(imageQueue().load.running).toBe(1));

    const waiting = download(section.id, assignment.id);
    await vi.waitFor(() => expect(imageQueue().load.waiting).toBe(1));

    const refused = await download(section.id, assignment.id, "2");
    expect(refused.status).toBe(SERVER_BUSY.status);
    expect(refused.headers.get("retry-after")).toBe(String(SERVER_BUSY.retryAfterSeconds));
    expect((await refused.json()).error).toBe(SERVER_BUSY.error);

    release();
    await held;
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/png");
    expect(answer.headers.get("content-disposition")).toBe('attachment; filename="class-recap-1.png"');
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(PNG);
    expect(drawn).toHaveLength(1); // the refused one was never drawn
    expect(imageQueue().load).toEqual({ running: 0, waiting: 0 });
  });

  it("answers HEAD with 405, drawing nothing, and GET with the card", async () => {
    const { section, assignment } = await teacherOfClass();
    drawn.length = 0;
    const url = `http://app.test/sections/${section.id}/assignments/${assignment.id}/recap/1`;
    const context = { params: Promise.resolve({ sectionId: section.id, assignmentId: assignment.id, slide: "1" }) };
    const head = await GET(new Request(url, { method: "HEAD" }), context);
    expect([head.status, head.headers.get("allow")]).toEqual([405, "GET"]);
    expect(drawn).toEqual([]);
    expect((await download(section.id, assignment.id)).status).toBe(200);
    expect(drawn).toHaveLength(1);
  });

  it("is not found for another teacher's class", async () => {
    const { section, assignment } = await teacherOfClass();
    await teacherOfClass(); // another teacher, signed in now
    expect((await download(section.id, assignment.id)).status).toBe(404);
  });
});
