import fs from "node:fs";
import path from "node:path";
import exifReader from "exif-reader";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { getDatabase, getDb } from "@/db";
import { listPendingFileDeletions } from "@/db/queries/file-deletions";
import { assignments, submissionImages, submissions } from "@/db/schema";
import { BODY_LIMITS, SERVER_BUSY, UPLOAD_TOO_LARGE } from "@/lib/server/request-edge";
import type { TokenClaims } from "@/lib/server/auth";
import { imageQueue } from "@/lib/server/image-queue";
import * as storage from "@/lib/server/storage";
import { readStoredFile } from "@/lib/server/storage";
import { storedPath } from "@/lib/server/storage/store";
import { deleteQueuedFiles } from "@/lib/server/stored-files";
import { addImage } from "@/db/queries/work";
import { classroom, fakeImage } from "@/lib/test/factories";

/**
 * The upload route end to end, short of HTTP: the body goes to disk, waits its turn in the image
 * queue (one at a time here, and one more in line), is checked, and only then stored.
 */

process.env.IMAGE_CONCURRENCY = "1";
process.env.IMAGE_QUEUE_MAX = "1";

let claims: TokenClaims | null = null;
vi.mock("@/lib/server/auth", () => ({ auth: async () => (claims ? { claims } : null) }));
const { POST } = await import("./route");

async function student() {
  const room = await classroom();
  claims = {
    uid: room.student.row.id,
    role: "student",
    sv: room.student.row.sessionVersion,
    sid: crypto.randomUUID(),
    st: Math.floor(Date.now() / 1000),
  };
  return room;
}

function upload(assignmentId: string, body: BodyInit, headers: Record<string, string> = {}, query = "") {
  const request = new Request(`http://app.test/api/assignments/${assignmentId}/images${query}`, {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);
  return POST(request, { params: Promise.resolve({ assignmentId }) });
}

function form(file: Buffer, name = "photo.jpg", type = "image/jpeg", extra: Record<string, string> = {}) {
  const data = new FormData();
  data.append("file", new Blob([new Uint8Array(file)], { type }), name);
  for (const [field, value] of Object.entries(extra)) data.append(field, value);
  return data;
}

const liveImages = async (assignmentId: string, studentId: string) =>
  (
    await (
      await getDb()
    )
      .select({ image: submissionImages })
      .from(submissionImages)
      .innerJoin(submissions, eq(submissions.id, submissionImages.submissionId))
      .where(and(eq(submissions.assignmentId, assignmentId), eq(submissions.studentId, studentId), isNull(submissionImages.deletedAt)))
  ).map((r) => r.image);

/** Every stored file, by its path under the uploads folder (request bodies being read aside). */
const storedFiles = () =>
  (fs.readdirSync(process.env.UPLOADS_DIR!, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(process.env.UPLOADS_DIR!, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((file) => !file.startsWith("incoming/"))
    .sort();

const incoming = () => {
  const dir = path.join(process.env.UPLOADS_DIR!, "incoming");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

const photo = () =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: "#3355aa" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Artist: "Secret Name" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "40/1 26/1 4614/100" } })
    .toBuffer();

/** A chunked body of `size` bytes of "a", as a client that declares no length sends it. */
function stream(size: number) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      const chunk = new Uint8Array(Math.min(64 * 1024, size - sent)).fill(0x61);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

const setCloseAt = async (assignmentId: string, closeAt: Date | null) =>
  await (await getDatabase()).writer.update(assignments).set({ closeAt }).where(eq(assignments.id, assignmentId));

describe("POST /api/assignments/[assignmentId]/images", () => {
  it("stores a photo upright, without a caption and without metadata, and leaves nothing on the side", async () => {
    const { assignment, student: who } = await student();
    const input = await photo();
    expect(exifReader((await sharp(input).metadata()).exif!).GPSInfo?.GPSLatitudeRef).toBe("N");
    const response = await upload(assignment.id, form(input));
    expect(response.status).toBe(201);
    const { image } = (await response.json()) as { image: { id: string; caption: string; width: number; height: number } };
    expect(image).toMatchObject({ caption: "", width: 300, height: 400 });

    const [row] = await liveImages(assignment.id, who.row.id);
    expect(row).toMatchObject({ id: image.id, mime: "image/jpeg", width: 300, height: 400 });
    const stored = await readStoredFile(row!.storageKey);
    const metadata = await sharp(stored).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 300, height: 400 });
    expect(metadata.exif).toBeUndefined();
    expect(stored.toString("latin1")).not.toContain("Secret Name");
    expect(await sharp(await readStoredFile(row!.thumbnailKey)).metadata()).toMatchObject({ format: "webp", width: 300 });
    expect(incoming()).toEqual([]);
  });

  it("discards the stored files of an upload whose row is refused, through the deletion queue: a failed delete stays queued", async () => {
    const { assignment } = await student();
    const before = storedFiles();
    // Closed while the upload waited for its turn: its files are stored, then its row is refused.
    const closedWhileWaiting = async () => {
      let release!: () => void;
      const held = imageQueue().run(() => new Promise<void>((resolve) => (release = resolve)));
      await vi.waitFor(() => expect(imageQueue().load.running).toBe(1));
      const answer = upload(assignment.id, form(await photo()));
      await vi.waitFor(() => expect(imageQueue().load.waiting).toBe(1));
      await setCloseAt(assignment.id, new Date(Date.now() - 1000));
      release();
      await held;
      const response = await answer;
      await setCloseAt(assignment.id, null);
      return response;
    };

    expect((await closedWhileWaiting()).status).toBe(409);
    expect(storedFiles()).toEqual(before);
    expect(await listPendingFileDeletions()).toEqual([]);

    const spy = vi.spyOn(storage, "deleteStoredFile").mockRejectedValueOnce(new Error("bucket unreachable"));
    const again = await closedWhileWaiting();
    spy.mockRestore();
    expect(again.status).toBe(409);
    const [left] = await listPendingFileDeletions();
    expect(storedFiles()).toEqual([...before, storedPath(left!)].sort());
    expect(await deleteQueuedFiles([left!])).toEqual({ deleted: 1, failed: 0 });
    expect(storedFiles()).toEqual(before);
  });

  it("refuses an upload to work that can't change any more before reading a byte of it; open again, it is read and stored", async () => {
    const { assignment, student: who } = await student();
    await setCloseAt(assignment.id, new Date(Date.now() - 1000));
    let read = false;
    const unread = new ReadableStream<Uint8Array>({ pull: () => void (read = true) }, { highWaterMark: 0 });
    const refused = await upload(assignment.id, unread, { "content-type": "multipart/form-data; boundary=x" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatch(/closed/i);
    expect(read).toBe(false);
    expect(incoming()).toEqual([]);

    await setCloseAt(assignment.id, null);
    expect((await upload(assignment.id, form(await photo()))).status).toBe(201);
    expect(await liveImages(assignment.id, who.row.id)).toHaveLength(1);
  });

  it("counts a student's uploads still on their way as graphics: past the fifth, one more is refused before it is read", async () => {
    const { assignment, student: who } = await student();
    for (let i = 0; i < 4; i++) await addImage(who.actor, assignment.id, fakeImage(), `graphic ${i + 1}`);
    let release!: () => void;
    const held = imageQueue().run(() => new Promise<void>((resolve) => (release = resolve)));
    await vi.waitFor(() => expect(imageQueue().load.running).toBe(1));
    const fifth = upload(assignment.id, form(await photo()));
    await vi.waitFor(() => expect(imageQueue().load.waiting).toBe(1));

    const sixth = await upload(assignment.id, form(await photo()));
    expect(sixth.status).toBe(400);
    expect((await sixth.json()).error).toBe("You can upload up to 5 graphics. Delete one to add another.");
    expect(imageQueue().load.waiting).toBe(1); // it never joined the line

    release();
    await held;
    expect((await fifth).status).toBe(201);
    expect(await liveImages(assignment.id, who.row.id)).toHaveLength(5);
  });

  it("ignores a caption sent with the upload, one the database could not store included: captions go through their own schema", async () => {
    const { assignment, student: who } = await student();
    for (const caption of ["  My card  ", "Hi\u0000", "Hi \ud800"]) {
      const response = await upload(assignment.id, form(await photo(), "photo.jpg", "image/jpeg", { caption }));
      expect(response.status).toBe(201);
      expect(((await response.json()) as { image: { caption: string } }).image.caption).toBe("");
    }
    expect((await liveImages(assignment.id, who.row.id)).map((r) => r.caption)).toEqual(["", "", ""]);
  });

  it("files each upload in the place reserved when it was picked, and refuses a place that is not a number", async () => {
    const { assignment, student: who } = await student();
    // The second file picked arrives first.
    const second = await upload(assignment.id, form(await photo(), "b.jpg"), {}, "?position=1");
    const first = await upload(assignment.id, form(await photo(), "a.jpg"), {}, "?position=0");
    expect([second.status, first.status]).toEqual([201, 201]);
    const [firstImage, secondImage] = [(await first.json()).image, (await second.json()).image] as { id: string; position: number }[];
    expect(firstImage!.position).toBe(0);
    const rows = (await liveImages(assignment.id, who.row.id)).sort((a, b) => a.position - b.position);
    expect(rows.map((r) => r.id)).toEqual([firstImage!.id, secondImage!.id]);

    const bad = await upload(assignment.id, form(await photo()), {}, "?position=-1");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/place in the list/);
    expect(await liveImages(assignment.id, who.row.id)).toHaveLength(2);
  });

  it("refuses a body over the limit while it streams, a form without a file and a file that is not an image, storing nothing", async () => {
    const { assignment, student: who } = await student();
    const big = await upload(assignment.id, stream(BODY_LIMITS.upload + 1), { "content-type": "multipart/form-data; boundary=x" });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toBe(UPLOAD_TOO_LARGE);

    const empty = new FormData();
    empty.append("caption", "no file");
    const none = await upload(assignment.id, empty);
    expect((await none.json()).error).toBe("Choose an image file to upload.");

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const renamed = await upload(assignment.id, form(svg, "sneaky.png", "image/png"));
    expect((await renamed.json()).error).toBe("Only PNG, JPEG or WebP images can be uploaded (whatever the file name says).");

    const garbage = await upload(assignment.id, "not multipart at all", { "content-type": "multipart/form-data; boundary=x" });
    expect((await garbage.json()).error).toBe("Choose an image file to upload.");

    expect(await liveImages(assignment.id, who.row.id)).toEqual([]);
    expect(incoming()).toEqual([]);
    expect(imageQueue().load).toEqual({ running: 0, waiting: 0 });
  });

  it("waits its turn in the queue, and answers 'busy' once the line is full", async () => {
    const { assignment, student: who } = await student();
    let release!: () => void;
    const held = imageQueue().run(() => new Promise<void>((resolve) => (release = resolve)));
    await vi.waitFor(() => expect(imageQueue().load.running).toBe(1));

    const waiting = upload(assignment.id, form(await photo()));
    await vi.waitFor(() => expect(imageQueue().load.waiting).toBe(1));
    expect(incoming()).toHaveLength(1); // its body waits on disk, not in memory
    expect(await liveImages(assignment.id, who.row.id)).toEqual([]);

    const refused = await upload(assignment.id, form(await photo()));
    expect(refused.status).toBe(SERVER_BUSY.status);
    expect(refused.headers.get("retry-after")).toBe(String(SERVER_BUSY.retryAfterSeconds));
    expect((await refused.json()).error).toBe(SERVER_BUSY.error);

    release();
    await held;
    expect((await waiting).status).toBe(201);
    expect(await liveImages(assignment.id, who.row.id)).toHaveLength(1);
    expect(incoming()).toEqual([]);
    expect(imageQueue().load).toEqual({ running: 0, waiting: 0 });
  });

  it("drops an upload whose client left while it waited, storing nothing", async () => {
    const { assignment, student: who } = await student();
    let release!: () => void;
    const held = imageQueue().run(() => new Promise<void>((resolve) => (release = resolve)));
    const client = new AbortController();
    const request = new Request(`http://app.test/api/assignments/${assignment.id}/images`, {
      method: "POST",
      body: form(await photo()),
      signal: client.signal,
    });
    const answer = POST(request, { params: Promise.resolve({ assignmentId: assignment.id }) });
    await vi.waitFor(() => expect(imageQueue().load.waiting).toBe(1));
    client.abort();
    await answer;
    expect(imageQueue().load).toEqual({ running: 1, waiting: 0 });
    release();
    await held;
    expect(await liveImages(assignment.id, who.row.id)).toEqual([]);
    expect(incoming()).toEqual([]);
  });
});
