// @ts-check
// Plain JavaScript, not TypeScript: this runs in the image worker (lib/server/image-worker.mjs), a
// separate Node process that `npm start` has no build step for. Its callers pass the limits in.
import fs from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";

// One libvips thread per image: how many images are decoded at once is the upload queue's business
// (lib/server/image-queue.ts). No operation cache either: an upload is never processed twice, and
// the cache would keep up to 50 MB of pixels alive after it.
sharp.concurrency(1);
sharp.cache(false);

/** @typedef {"png" | "jpeg" | "webp"} ImageFormat */

/**
 * @typedef {object} ImageLimits
 * @property {number} maxBytes refused past this many bytes
 * @property {number} maxPixels refused past this many pixels, before decoding
 * @property {number} maxShortSide the stored image's shorter side at most (scaled down, never up)
 * @property {number} thumbWidth the thumbnail's width at most
 */

/** @typedef {{ format: ImageFormat; image: Buffer; thumbnail: Buffer; width: number; height: number }} ProcessedPixels */

/**
 * Why an upload was refused; the app words each for the student (lib/server/images.ts).
 * @typedef {"empty" | "too-large" | "type" | "pixels" | "unreadable" | "no-file"} RefusalReason
 */

export class Refusal extends Error {
  /**
   * @param {RefusalReason} reason
   * @param {string} [detail] what went wrong, for the server's log
   */
  constructor(reason, detail = reason) {
    super(detail);
    this.reason = reason;
  }
}

/** @type {Record<string, ImageFormat>} */
const ACCEPTED = { "image/png": "png", "image/jpeg": "jpeg", "image/webp": "webp" };

/**
 * Trusts nothing about an upload but its bytes: the type comes from them (PNG, JPEG or WebP only),
 * then the whole image is decoded (a truncated or corrupt file fails: `failOn: "warning"`), turned
 * upright from its EXIF orientation, scaled so that its shorter side is at most `maxShortSide`,
 * and re-encoded in its own format without any metadata (GPS included), plus a WebP thumbnail made
 * from the same decoded pixels.
 * @param {Uint8Array} bytes
 * @param {ImageLimits} limits
 * @param {(done: "checks" | "decode, upright, scale" | "encode" | "thumbnail") => void} [stageDone] told as each
 *   stage ends (the bench times them: npm run bench -- --only=uploads)
 * @returns {Promise<ProcessedPixels>}
 */
export async function processImageBytes(bytes, { maxBytes, maxPixels, maxShortSide, thumbWidth }, stageDone = () => {}) {
  if (bytes.byteLength === 0) throw new Refusal("empty");
  if (bytes.byteLength > maxBytes) throw new Refusal("too-large");
  const detected = await fileTypeFromBuffer(bytes);
  const format = detected && ACCEPTED[detected.mime];
  if (!format) throw new Refusal("type", `not an accepted image (${detected?.mime ?? "unknown type"})`);
  try {
    // The header only (no pixels): what libvips makes of the bytes, and their colour profile.
    const header = await sharp(bytes).metadata();
    if (header.format !== format) throw new Error(`sniffed ${format}, libvips reads ${header.format}`);
    if (header.width * header.height > maxPixels) throw new Refusal("pixels");
    stageDone("checks");
    const decoded = await sharp(bytes, { limitInputPixels: maxPixels, failOn: "warning", animated: false, ignoreIcc: isSrgb(header.icc) })
      .rotate()
      .resize({ width: maxShortSide, height: maxShortSide, fit: "outside", withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Both outputs from the one decode: sharp cannot branch a pipeline, so the pixels come out raw
    // (a copy of the stored size, not of the upload's) and go in twice.
    stageDone("decode, upright, scale");
    const { width, height, channels } = decoded.info;
    const pixels = () => sharp(decoded.data, { raw: { width, height, channels } });
    const image = await encode(pixels(), format).toBuffer();
    stageDone("encode");
    // WebP's effort 0: a third of the time of its default effort (4), for 10% more bytes.
    const thumbnail = await pixels().resize({ width: thumbWidth, withoutEnlargement: true }).webp({ quality: 80, effort: 0 }).toBuffer();
    stageDone("thumbnail");
    return { format, image, thumbnail, width, height };
  } catch (error) {
    if (error instanceof Refusal) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new Refusal(/pixel limit/i.test(detail) ? "pixels" : "unreadable", detail);
  }
}

/**
 * An upload's multipart form, as the upload route spooled it to `file`: its "file" field processed
 * as above. Any other field is ignored: a caption is text, checked by its schema when the student
 * writes it (captionSchema), never read here where no schema sees it.
 * @param {string} file
 * @param {string} contentType the request's, with the form's boundary
 * @param {ImageLimits} limits
 * @returns {Promise<ProcessedPixels>}
 */
export async function processUploadForm(file, contentType, limits) {
  const body = await fs.readFile(file);
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData().catch(() => null);
  const upload = form?.get("file");
  if (!(upload instanceof File)) throw new Refusal("no-file");
  return await processImageBytes(new Uint8Array(await upload.arrayBuffer()), limits);
}

/**
 * Settings picked for CPU as much as for size: optimised Huffman tables would triple a JPEG's
 * encoding time to save 7% of its bytes; WebP's default effort (4) takes twice the time of effort 2
 * for the same size. Quality 85 keeps a camera JPEG (saved at 90 to 95) from growing.
 * @param {import("sharp").Sharp} pipeline
 * @param {ImageFormat} format
 */
function encode(pipeline, format) {
  if (format === "png") return pipeline.png({ compressionLevel: 6 });
  if (format === "jpeg") return pipeline.jpeg({ quality: 85, optimiseCoding: false });
  return pipeline.webp({ quality: 90, effort: 2 });
}

/** sRGB under the names it goes by (ICC v2 or v4); a black-scaled or any other variant is converted as usual. */
const SRGB_NAME = /^sRGB(?: IEC61966-2[.-]1| built-in)?$/;

/**
 * Whether an embedded ICC profile is plain sRGB, by its description tag; anything unreadable is
 * not. Such a profile needs no conversion to sRGB, which would cost a third of a photo's processing.
 * @param {Buffer | undefined} icc
 * @returns {boolean}
 */
export function isSrgb(icc) {
  if (!icc) return false;
  try {
    if (icc.toString("latin1", 16, 20) !== "RGB " || icc.toString("latin1", 36, 40) !== "acsp") return false;
    const tags = icc.readUInt32BE(128);
    for (let i = 0; i < Math.min(tags, 100); i++) {
      const entry = 132 + 12 * i;
      if (icc.toString("latin1", entry, entry + 4) !== "desc") continue;
      const at = icc.readUInt32BE(entry + 4);
      const type = icc.toString("latin1", at, at + 4);
      let name;
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
