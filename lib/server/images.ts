import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { checkImage, IMAGE_LIMITS, type ImageChecks } from "@/lib/image-checks";
import { storeFile } from "./storage";

// Two cores: one libvips thread per image keeps the server responsive while others upload.
sharp.concurrency(1);

const ACCEPTED = { "image/png": "png", "image/jpeg": "jpeg", "image/webp": "webp" } as const;
type ImageFormat = (typeof ACCEPTED)[keyof typeof ACCEPTED];

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

/**
 * Trusts nothing about an upload but its bytes: checks the real type, decodes it fully (a
 * truncated or corrupt file fails here), applies the EXIF orientation and re-encodes it, which
 * drops every piece of metadata (GPS included). Returns the clean image and a thumbnail.
 */
export async function processImage(bytes: Uint8Array): Promise<ProcessedImage> {
  if (bytes.byteLength === 0) throw new ImageRejected("That file is empty.");
  if (bytes.byteLength > IMAGE_LIMITS.maxBytes)
    throw new ImageRejected("That image is larger than 10 MB. Export it smaller and try again.");
  const detected = await fileTypeFromBuffer(bytes);
  const format = detected ? ACCEPTED[detected.mime as keyof typeof ACCEPTED] : undefined;
  if (!format) throw new ImageRejected("Only PNG, JPEG or WebP images can be uploaded (whatever the file name says).");

  const input = () => sharp(bytes, { limitInputPixels: IMAGE_LIMITS.maxPixels, failOn: "warning", animated: false });
  try {
    const rotated = input().rotate();
    const encoded =
      format === "png"
        ? rotated.png({ compressionLevel: 6 })
        : format === "jpeg"
          ? rotated.jpeg({ quality: 90 })
          : rotated.webp({ quality: 90 });
    const { data: image, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(image)
      .resize({ width: IMAGE_LIMITS.thumbWidth, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return {
      format,
      mime: `image/${format}`,
      image,
      thumbnail,
      width: info.width,
      height: info.height,
      checks: checkImage(info.width, info.height),
    };
  } catch (error) {
    // libvips reads the header first, so an oversized image fails before it is decoded.
    const message = error instanceof Error ? error.message : "";
    if (/pixel limit/i.test(message)) throw new ImageRejected("That image has more than 40 megapixels. Export it smaller and try again.");
    throw new ImageRejected("That image could not be read. It may be damaged or cut short; export it again.");
  }
}

/** Stores a processed image and its thumbnail under new names; the row an upload (or the seed) adds. */
export async function storeProcessedImage(processed: ProcessedImage) {
  const [storageKey, thumbnailKey] = await Promise.all([
    storeFile(processed.image, processed.format),
    storeFile(processed.thumbnail, "webp"),
  ]);
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
