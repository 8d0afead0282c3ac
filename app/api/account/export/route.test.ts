import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import yauzl from "yauzl";
import { addImage, saveDraft } from "@/db/queries/work";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import type { TokenClaims } from "@/lib/server/auth";
import * as storage from "@/lib/server/storage";
import { assignment, classroom, fakeImage, user } from "@/lib/test/factories";

/** The data exports: a student's own, and an administrator's of a student, as ZIPs streamed one image at a time. */

let claims: TokenClaims | null = null;
vi.mock("@/lib/server/auth", () => ({ auth: async () => (claims ? { claims } : null) }));
const { GET } = await import("./route");
const admin = await import("@/app/api/admin/students/[userId]/export/route");

function signIn(row: { id: string; role: TokenClaims["role"]; sessionVersion: number }) {
  claims = { uid: row.id, role: row.role, sv: row.sessionVersion, sid: crypto.randomUUID(), st: Math.floor(Date.now() / 1000) };
}

/** Every entry of a ZIP, by name. */
function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      file.on("entry", (entry: yauzl.Entry) => {
        file.openReadStream(entry, async (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          entries.set(entry.fileName, Buffer.concat(chunks));
          file.readEntry();
        });
      });
      file.on("end", () => resolve(entries));
      file.on("error", reject);
      file.readEntry();
    });
  });
}

/** A student with `count` uploaded images (distinct bytes each). */
async function studentWithImages(count: number) {
  const room = await classroom();
  await saveDraft(room.student.actor, room.assignment.id, 0, SAMPLE_DRAFTS.complete);
  const images = new Map<string, Buffer>();
  let target = room.assignment.id;
  for (let i = 0; i < count; i++) {
    // An assignment takes five images at most: the rest go to further assignments of the class.
    if (i > 0 && i % 5 === 0) target = (await assignment(room.section.id)).id;
    const bytes = await sharp({ create: { width: 16 + i, height: 16, channels: 3, background: { r: i * 20, g: 80, b: 160 } } })
      .png()
      .toBuffer();
    const storageKey = await storage.storeFile(bytes, "png");
    images.set(storageKey, bytes);
    await addImage(room.student.actor, target, { ...fakeImage(16 + i, 16), storageKey, thumbnailKey: storageKey }, `image ${i}`);
  }
  return { room, images };
}

describe("GET /api/account/export", () => {
  it("streams the student's ZIP: data.json with their draft, summary.md, and every original image, one open at a time", async () => {
    const { room, images } = await studentWithImages(12);
    signIn(room.student.row);
    let opened = 0;
    let open = 0;
    let mostOpen = 0;
    const real = storage.openStoredFile;
    const spy = vi.spyOn(storage, "openStoredFile").mockImplementation(async (key) => {
      const file = await real(key);
      opened++;
      mostOpen = Math.max(mostOpen, ++open);
      const counted = new TransformStream<Uint8Array, Uint8Array>({ flush: () => void open-- });
      return { ...file, body: file.body.pipeThrough(counted) };
    });
    const response = await GET(new Request("http://app.test/api/account/export"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    // Named after the person and the day, so that an administrator's several exports are told apart.
    const day = new Date().toISOString().slice(0, 10);
    const slug = room.student.row.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="recap-data-${slug}-${day}.zip"; filename*=UTF-8''${encodeURIComponent(`recap-data ${room.student.row.name} ${day}.zip`)}`,
    );
    // The response has begun before any image was read: the archive is written as it is sent.
    expect(opened).toBe(0);
    const zip = Buffer.from(await response.arrayBuffer());
    spy.mockRestore();
    expect(opened).toBe(12);
    expect(mostOpen).toBe(1);

    const entries = await unzip(zip);
    expect([...entries.keys()].sort()).toEqual(["data.json", "summary.md", ...[...images.keys()].map((k) => `images/${k}`)].sort());
    for (const [key, bytes] of images) expect(entries.get(`images/${key}`)!.equals(bytes)).toBe(true);
    const data = JSON.parse(entries.get("data.json")!.toString());
    expect(data.person).toMatchObject({ id: room.student.row.id, email: room.student.row.email });
    expect(data.tables.submissions[0].draft).toEqual(SAMPLE_DRAFTS.complete);
    expect(data.tables.submission_images).toHaveLength(12);
    expect(data.tables.users[0]).not.toHaveProperty("password_hash");
    expect(entries.get("summary.md")!.toString()).toContain(`Exported for ${room.student.row.name}`);
  });

  it("gives a teacher waiting for approval, or refused it, their own ZIP; an account still on its one-time password gets none", async () => {
    const { getDatabase } = await import("@/db");
    const { users } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const writer = (await getDatabase()).writer;
    for (const approval of ["pending", "refused", "approved"] as const) {
      const teacher = await user("teacher");
      await writer.update(users).set({ approval }).where(eq(users.id, teacher.row.id));
      signIn(teacher.row);
      const response = await GET(new Request("http://app.test/api/account/export"), { params: Promise.resolve({}) });
      expect(response.status).toBe(200);
      const data = JSON.parse((await unzip(Buffer.from(await response.arrayBuffer()))).get("data.json")!.toString());
      expect(data.person).toMatchObject({ id: teacher.row.id, email: teacher.row.email });
    }
    const slip = await user("student");
    await writer.update(users).set({ mustChangePassword: true }).where(eq(users.id, slip.row.id));
    signIn(slip.row);
    const refused = await GET(new Request("http://app.test/api/account/export"), { params: Promise.resolve({}) });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).not.toBe("application/zip");
  });

  it("is refused to nobody signed in (401)", async () => {
    claims = null;
    const response = await GET(new Request("http://app.test/api/account/export"), { params: Promise.resolve({}) });
    expect(response.status).toBe(401);
  });
});

describe("GET /api/admin/students/[userId]/export", () => {
  const get = (userId: string) =>
    admin.GET(new Request(`http://app.test/api/admin/students/${userId}/export`), { params: Promise.resolve({ userId }) });

  it("gives an administrator a student's ZIP", async () => {
    const { room } = await studentWithImages(1);
    signIn((await user("admin")).row);
    const response = await get(room.student.row.id);
    expect(response.status).toBe(200);
    const data = JSON.parse((await unzip(Buffer.from(await response.arrayBuffer()))).get("data.json")!.toString());
    expect(data.person.id).toBe(room.student.row.id);
  });

  it("answers 404 to the student's teacher, the student and for a non-student", async () => {
    const { room } = await studentWithImages(1);
    for (const who of [room.teacher.row, room.student.row]) {
      signIn(who);
      expect((await get(room.student.row.id)).status).toBe(404);
    }
    signIn((await user("admin")).row);
    expect((await get(room.teacher.row.id)).status).toBe(404);
  });
});
