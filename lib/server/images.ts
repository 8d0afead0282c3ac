import { checkImage, IMAGE_LIMITS, type ImageChecks } from "@/lib/image-checks";
import type { ImageFormat, ImageLimits, RefusalReason } from "./image-pipeline.mjs";
import { ImageRefused, imageWorkers, WorkerGone, type ImageJob, type ImageJobResult } from "./image-workers";
import { storeFile } from "./storage";

/**
 * The stored image's shorter side at most, in pixels: the lesson's cards are 1080×1920, phones show
 * graphics 1080 pixels wide, and the size check asks for 1080 (ADR 004). Scaling down to it never
 * changes that check's verdict, and it costs the server less than keeping every pixel of a photo.
 */
export const MAX_SHORT_SIDE = IMAGE_LIMITS.minWidth;

/** What the image worker is told to enforce (exported for the bench, which runs the pipeline itself). */
export const PIPELINE_LIMITS: ImageLimits = {
  maxBytes: IMAGE_LIMITS.maxBytes,
  maxPixels: IMAGE_LIMITS.maxPixels,
  maxShortSide: MAX_SHORT_SIDE,
  thumbWidth: IMAGE_LIMITS.thumbWidth,
};

export type ProcessedImage = {
  format: ImageFormat;
  mime: `image/${ImageFormat}`;
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  checks: ImageChecks;
};

export class ImageRejected extends Error {}

const UNREADABLE = "That image could not be read. It may be damaged or cut short; export it again.";

/** What the student is told for each refusal. */
const REFUSALS: Record<RefusalReason, string> = {
  empty: "That file is empty.",
  "too-large": "That image is larger than 10 MB. Export it smaller and try again.",
  type: "Only PNG, JPEG or WebP images can be uploaded (whatever the file name says).",
  // libvips reads the header first, so an oversized image fails before it is decoded.
  pixels: "That image has more than 40 megapixels. Export it smaller and try again.",
  unreadable: UNREADABLE,
  "no-file": "Choose an image file to upload.",
};

/**
 * Trusts nothing about an upload but its bytes. In an image worker (lib/server/image-pipeline.mjs):
 * the real type is checked, the image decoded fully (a truncated or corrupt file fails), turned
 * upright from its EXIF orientation, scaled to MAX_SHORT_SIDE at most and re-encoded, which drops
 * every piece of metadata (GPS included). Returns the clean image and a thumbnail.
 */
export async function processImage(bytes: Uint8Array): Promise<ProcessedImage> {
  return processed(await inWorker({ kind: "bytes", bytes, limits: PIPELINE_LIMITS }));
}

/**
 * An upload's multipart form, as spooled to `file` (lib/server/upload-body.ts), read and parsed in
 * the image worker rather than here: its "file" processed as processImage does. A form without a
 * file is refused like a bad image.
 */
export async function processUploadedForm(file: string, contentType: string): Promise<ProcessedImage> {
  return processed(await inWorker({ kind: "form", file, contentType, limits: PIPELINE_LIMITS }));
}

async function inWorker(job: ImageJob): Promise<ImageJobResult> {
  try {
    return await imageWorkers().run(job);
  } catch (error) {
    if (error instanceof ImageRefused) throw new ImageRejected(REFUSALS[error.reason]);
    if (error instanceof WorkerGone) {
      // A decoder that crashes on a file has been fed a broken (or hostile) one; the server goes on.
      console.error(`Image upload: ${error.message}`);
      throw new ImageRejected(UNREADABLE);
    }
    throw error;
  }
}

function processed({ format, image, thumbnail, width, height }: ImageJobResult): ProcessedImage {
  return { format, mime: `image/${format}`, image, thumbnail, width, height, checks: checkImage(width, height) };
}

/**
 * Stores a processed image and its thumbnail under new names; the row an upload (or the seed) adds.
 * Both or neither: when one fails, the other, stored meanwhile, is discarded (no file without a record).
 */
export async function storeProcessedImage(processed: ProcessedImage) {
  const [image, thumbnail] = await Promise.allSettled([
    storeFile(processed.image, processed.format),
    storeFile(processed.thumbnail, "webp"),
  ]);
  if (image.status === "rejected" || thumbnail.status === "rejected") {
    // Loaded only here: the seed (db/setup.ts) stores images outside the server, where the query
    // layer's "server-only" guard can't be imported.
    const { discardStoredFiles } = await import("./stored-files");
    await discardStoredFiles([image, thumbnail].flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])));
    throw image.status === "rejected" ? image.reason : (thumbnail as PromiseRejectedResult).reason;
  }
  const [storageKey, thumbnailKey] = [image.value, thumbnail.value];
  return {
    storageKey,
    thumbnailKey,
    mime: processed.mime,
    width: processed.width,
    height: processed.height,
    bytes: processed.image.byteLength,
    checks: processed.checks,
  };
}
