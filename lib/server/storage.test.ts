import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { storageBackends } from "@/lib/test/storage-backends";
import { S3_SERVER_CREDENTIALS, startS3Server } from "@/scripts/s3-server.mjs";
import { deleteStoredFile, openStoredFile, readStoredFile, storeFile } from "./storage";

/** Bytes that differ from one call to the next, larger than one read chunk so a stream takes several. */
function bytes(size = 200_000) {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + size) % 251;
  return data;
}

async function streamed(file: { body: ReadableStream<Uint8Array> }) {
  return Buffer.from(await new Response(file.body).arrayBuffer());
}

describe.each(storageBackends)("stored files: $name", (backend) => {
  let stop: () => Promise<void>;
  beforeAll(async () => {
    stop = await backend.start();
  });
  afterAll(() => stop());

  it("stores under a new key, reads, streams and deletes", async () => {
    const data = bytes();
    const key = await storeFile(data, "png");
    expect(key).toMatch(/^[0-9a-f-]{36}\.png$/);
    expect(fs.existsSync(path.join(process.env.UPLOADS_DIR!, key.slice(0, 2), key))).toBe(backend.local);
    expect((await readStoredFile(key)).equals(data)).toBe(true);

    const file = await openStoredFile(key);
    expect(file).toMatchObject({ size: data.byteLength, type: "image/png" });
    expect((await streamed(file)).equals(data)).toBe(true);

    await deleteStoredFile(key);
    await expect(readStoredFile(key)).rejects.toThrow(NotFoundError);
  });

  it("keeps files stored at the same time apart, with the type their extension names", async () => {
    // One byte, exactly one 64 KB read, and one byte more: the ends of a stream's chunks.
    const files = [bytes(1), bytes(65_536), bytes(65_537)];
    const keys = await Promise.all(files.map((data, i) => storeFile(data, (["png", "jpeg", "webp"] as const)[i]!)));
    expect(new Set(keys).size).toBe(3);
    for (const [i, key] of keys.entries()) {
      const file = await openStoredFile(key);
      expect(file.type).toBe(["image/png", "image/jpeg", "image/webp"][i]);
      expect((await streamed(file)).equals(files[i]!)).toBe(true);
    }
    await Promise.all(keys.map(deleteStoredFile));
  });

  it("lets a reader stop a stream early", async () => {
    const key = await storeFile(bytes(), "webp");
    const file = await openStoredFile(key);
    const reader = file.body.getReader();
    expect((await reader.read()).value!.byteLength).toBeGreaterThan(0);
    await reader.cancel();
    expect((await readStoredFile(key)).byteLength).toBe(200_000);
    await deleteStoredFile(key);
  });

  it("answers a key that holds nothing with NotFoundError, and deleting it is not an error", async () => {
    const key = `${crypto.randomUUID()}.png`;
    await expect(readStoredFile(key)).rejects.toThrow(NotFoundError);
    await expect(openStoredFile(key)).rejects.toThrow(NotFoundError);
    await expect(deleteStoredFile(key)).resolves.toBeUndefined();
  });

  it("refuses a key it could not have made, before touching the store", async () => {
    const uuid = crypto.randomUUID();
    for (const key of ["../../etc/passwd", `${uuid}.svg`, `${uuid}.png/../x.png`, `${uuid.toUpperCase()}.png`, `../${uuid}.png`, ""]) {
      await expect(readStoredFile(key)).rejects.toThrow("Invalid storage key");
      await expect(openStoredFile(key)).rejects.toThrow("Invalid storage key");
      await expect(deleteStoredFile(key)).rejects.toThrow("Invalid storage key");
    }
  });
});

describe("stored files in S3: the object layout", () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "recap-s3-"));
  let server: Awaited<ReturnType<typeof startS3Server>>;
  beforeAll(async () => {
    server = await startS3Server({ directory, buckets: ["recap-layout"] });
    Object.assign(process.env, S3_SERVER_CREDENTIALS, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });
  });
  afterAll(async () => {
    delete process.env.STORAGE_URL;
    await server.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("keeps objects under the STORAGE_URL's prefix, in the local folder's layout, with their type", async () => {
    process.env.STORAGE_URL = server.storageUrl().replace("s3://recap-layout?", "s3://recap-layout/school-a/?");
    const key = await storeFile(bytes(50), "jpeg");
    const client = new S3Client({ endpoint: server.endpoint, region: "us-east-1", forcePathStyle: true });
    const object = await client.send(new GetObjectCommand({ Bucket: "recap-layout", Key: `school-a/${key.slice(0, 2)}/${key}` }));
    expect(object.ContentType).toBe("image/jpeg");
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(bytes(50))).toBe(true);
    client.destroy();
  });

  it("stops at a STORAGE_URL that cannot work, saying what is wrong", async () => {
    process.env.STORAGE_URL = "s3://Uploads?forcepathstyle=true";
    await expect(storeFile(bytes(10), "png")).rejects.toThrow(/bucket name.*\n.*unknown option forcepathstyle/s);
  });
});
