import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { NotFoundError } from "@/lib/errors";
import type { S3Location } from "./config";
import { storedPath, typeOf, type FileStore } from "./store";

function missingAsNotFound(error: unknown): never {
  // NoSuchKey from GET; a missing bucket (NoSuchBucket) is a set-up mistake and stays an error.
  if (error instanceof S3ServiceException && error.name === "NoSuchKey") throw new NotFoundError("image");
  throw error;
}

/**
 * Files in an S3-compatible bucket, under the same paths as in the local folder (after the
 * STORAGE_URL's prefix). Objects stay private: the app streams them out after its own check.
 */
export function s3Store(location: S3Location): FileStore {
  const client = new S3Client({
    region: location.region,
    endpoint: location.endpoint,
    forcePathStyle: location.forcePathStyle,
    // Recent SDKs add CRC32 checksums to every upload and check them on download, which many
    // S3-compatible servers reject or do not send; S3 itself does not need them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // No timeouts by default: a store that stops answering would hold requests forever.
    requestHandler: { connectionTimeout: 5_000, socketTimeout: 30_000 },
  });
  const objectKey = (key: string) => location.prefix + storedPath(key);
  const get = (key: string) => client.send(new GetObjectCommand({ Bucket: location.bucket, Key: objectKey(key) })).catch(missingAsNotFound);

  return {
    // One PutObject is atomic: the object appears whole or not at all.
    async put(key, data, type) {
      await client.send(
        new PutObjectCommand({
          Bucket: location.bucket,
          Key: objectKey(key),
          Body: data,
          ContentLength: data.byteLength,
          ContentType: type,
        }),
      );
    },
    async read(key) {
      const object = await get(key);
      return Buffer.from(await object.Body!.transformToByteArray());
    },
    async open(key) {
      const object = await get(key);
      if (object.ContentLength === undefined) throw new Error("The object store answered without a length");
      // The type comes from the key, never from what the bucket says (it could have been edited).
      return { body: object.Body!.transformToWebStream(), size: object.ContentLength, type: typeOf(key) };
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: objectKey(key) }));
    },
  };
}
