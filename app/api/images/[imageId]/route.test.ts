import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addImage } from "@/db/queries/work";
import type { TokenClaims } from "@/lib/server/auth";
import { deleteStoredFile, storeFile } from "@/lib/server/storage";
import { classroom, fakeImage, user } from "@/lib/test/factories";
import { storageBackends } from "@/lib/test/storage-backends";

/** GET /api/images/:id from both stores: the check comes first, then the file streams through. */

let claims: TokenClaims | null = null;
vi.mock("@/lib/server/auth", () => ({ auth: async () => (claims ? { claims } : null) }));
const { GET } = await import("./route");

function signIn(row: { id: string; role: TokenClaims["role"]; sessionVersion: number } | null) {
  claims = row
    ? { uid: row.id, role: row.role, sv: row.sessionVersion, sid: crypto.randomUUID(), st: Math.floor(Date.now() / 1000) }
    : null;
}

function get(imageId: string, variant?: "thumb") {
  const url = `http://app.test/api/images/${imageId}${variant ? `?variant=${variant}` : ""}`;
  return GET(new Request(url), { params: Promise.resolve({ imageId }) });
}

describe.each(storageBackends)("GET /api/images/[imageId]: $name", (backend) => {
  let stop: () => Promise<void>;
  beforeAll(async () => {
    stop = await backend.start();
  });
  afterAll(() => stop());

  /** A student's uploaded JPEG and its WebP thumbnail, stored as the upload route stores them. */
  async function uploaded() {
    const room = await classroom();
    const full = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3355aa" } })
      .jpeg()
      .toBuffer();
    const thumb = await sharp(full).webp().toBuffer();
    const keys = { storageKey: await storeFile(full, "jpeg"), thumbnailKey: await storeFile(thumb, "webp") };
    const image = await addImage(room.student.actor, room.assignment.id, { ...fakeImage(64, 48), ...keys, mime: "image/jpeg" }, "");
    return { room, image, full, thumb };
  }

  it("streams the image and its thumbnail to the student who uploaded it, with safe headers", async () => {
    const { room, image, full, thumb } = await uploaded();
    signIn(room.student.row);
    const response = await get(image.id);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "image/jpeg",
      "content-length": String(full.byteLength),
      "content-disposition": `inline; filename="${image.storageKey}"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
    });
    expect(Buffer.from(await response.arrayBuffer()).equals(full)).toBe(true);

    const small = await get(image.id, "thumb");
    expect(small.headers.get("content-type")).toBe("image/webp");
    expect(Buffer.from(await small.arrayBuffer()).equals(thumb)).toBe(true);
  });

  it("serves the section's teacher too", async () => {
    const { room, image, full } = await uploaded();
    signIn(room.teacher.row);
    const response = await get(image.id);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(full)).toBe(true);
  });

  it("answers 404 to another student, another teacher and a stranger's guess alike, and 401 when signed out", async () => {
    const { image } = await uploaded();
    const classmate = (await classroom()).student;
    for (const someone of [classmate.row, (await user("student")).row, (await user("teacher")).row]) {
      signIn(someone);
      const response = await get(image.id);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "Not found", code: "not_found" });
    }
    signIn(null);
    expect((await get(image.id)).status).toBe(401);
  });

  it("answers 404 when the file behind an image is gone", async () => {
    const { room, image } = await uploaded();
    await deleteStoredFile(image.storageKey);
    signIn(room.student.row);
    expect((await get(image.id)).status).toBe(404);
  });
});
