import { fileTypeFromBuffer } from "file-type";
import sharp, { type Sharp } from "sharp";
import { checkImage, IMAGE_LIMITS, type ImageChecks } from "@/lib/image-checks";
import { storeFile } from "./storage";

// One libvips thread per image: how many images are decoded at once is the upload queue's business
// (lib/server/image-queue.ts). No operation cache either: an upload is never processed twice, and
// the cache would keep up to 50 MB of pixels alive after it.
sharp.concurrency(1);
sharp.cache(false);

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

  try {
    // An embedded sRGB profile needs no conversion to sRGB, yet would cost a third of the work.
    const { icc } = await sharp(bytes).metadata();
    const input = sharp(bytes, { limitInputPixels: IMAGE_LIMITS.maxPixels, failOn: "warning", animated: false, ignoreIcc: isSrgb(icc) });
    const { data: image, info } = await encode(input.rotate(), format).toBuffer({ resolveWithObject: true });
    // From the clean image, not the upload: it is upright already, and a JPEG or WebP is decoded
    // straight at a quarter of its size (shrink-on-load). Not in parallel with the above: an image
    // in the queue then takes one of libuv's four threads, leaving the rest to the file system.
    const thumbnail = await sharp(image)
      .resize({ width: IMAGE_LIMITS.thumbWidth, withoutEnlargement: true })
      .webp({ quality: 80, effort: 0 })
      .toBuffer();
    const { width, height } = info;
    return { format, mime: `image/${format}`, image, thumbnail, width, height, checks: checkImage(width, height) };
  } catch (error) {
    // libvips reads the header first, so an oversized image fails before it is decoded.
    const message = error instanceof Error ? error.message : "";
    if (/pixel limit/i.test(message)) throw new ImageRejected("That image has more than 40 megapixels. Export it smaller and try again.");
    throw new ImageRejected("That image could not be read. It may be damaged or cut short; export it again.");
  }
}

/**
 * Settings picked for CPU as much as for size: optimised Huffman tables would triple a JPEG's
 * encoding time to save 7% of its bytes; WebP's default effort (4) takes twice the time of effort 2
 * for the same size, and on a thumbnail three times that of effort 0 for 10% fewer bytes. Quality
 * 85 keeps a camera JPEG (saved at 90 to 95) from growing.
 */
function encode(pipeline: Sharp, format: ImageFormat): Sharp {
  if (format === "png") return pipeline.png({ compressionLevel: 6 });
  if (format === "jpeg") return pipeline.jpeg({ quality: 85, optimiseCoding: false });
  return pipeline.webp({ quality: 90, effort: 2 });
}

/** sRGB under the names it goes by (ICC v2 or v4); a black-scaled or any other variant is converted as usual. */
const SRGB_NAME = /^sRGB(?: IEC61966-2[.-]1| built-in)?$/;

/** Whether an embedded ICC profile is plain sRGB, by its description tag; anything unreadable is not. */
export function isSrgb(icc: Buffer | undefined): boolean {
  if (!icc) return false;
  try {
    if (icc.toString("latin1", 16, 20) !== "RGB " || icc.toString("latin1", 36, 40) !== "acsp") return false;
    const tags = icc.readUInt32BE(128);
    for (let i = 0; i < Math.min(tags, 100); i++) {
      const entry = 132 + 12 * i;
      if (icc.toString("latin1", entry, entry + 4) !== "desc") continue;
      const at = icc.readUInt32BE(entry + 4);
      const type = icc.toString("latin1", at, at + 4);
      let name: string;
      if (type === "desc") {
        // ICC v2 textDescriptionType: an ASCII count (with its NUL), then the text.
        const length = icc.readUInt32BE(at + 8);
        name = icc.toString("latin1", at + 12, at + 12 + Math.min(length, 64)).replace(/\0+$/, "");
      } else if (type === "mluc") {
        // ICC v4 multiLocalizedUnicodeType: the first record's UTF-16BE text.
        const length = icc.readUInt32BE(at + 20);
        const offset = icc.readUInt32BE(at + 24);
        name = Buffer.from(icc.subarray(at + offset, at + offset + Math.min(length, 128)))
          .swap16()
          .toString("utf16le");
      } else {
        return false;
      }
      return SRGB_NAME.test(name);
    }
    return false;
  } catch {
    return false;
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
