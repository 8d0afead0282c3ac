import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { processImage } from "../../lib/server/images";
import { storeFile } from "../../lib/server/storage";

/**
 * Real image files for upload tests, made with sharp once per worker in a temp directory:
 * a phone-ready portrait PNG, a landscape JPEG, a small square PNG, and the bytes of an SVG (with a
 * script) for uploading under a .png name.
 */

type TestImages = { portrait: string; landscape: string; small: string; svgBytes: Buffer };

let made: Promise<TestImages> | undefined;

/** A flat card with a band of colour, so the files are real, decodable images (not just headers). */
function card(width: number, height: number, background: string) {
  const band = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect y="${Math.round(height / 3)}" width="${width}" height="${Math.round(height / 3)}" fill="#fde68a"/></svg>`,
  );
  return sharp({ create: { width, height, channels: 3, background } }).composite([{ input: band }]);
}

export function testImages(): Promise<TestImages> {
  made ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recap-e2e-images-"));
    const file = (name: string) => path.join(dir, name);
    const svgBytes = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1350"><script>alert(1)</script><rect width="1080" height="1350" fill="#4f46e5"/></svg>',
    );
    await card(1080, 1350, "#4f46e5").png().toFile(file("portrait.png"));
    await card(1600, 900, "#0f766e").jpeg({ quality: 85 }).toFile(file("landscape.jpg"));
    await card(400, 400, "#b91c1c").png().toFile(file("small.png"));
    return { portrait: file("portrait.png"), landscape: file("landscape.jpg"), small: file("small.png"), svgBytes };
  })();
  return made;
}

/**
 * An image already processed and stored the way the upload route does it, ready for
 * `makeSubmission({ images })`: for tests that need uploads to exist without uploading them.
 */
export async function storedImage(width = 1080, height = 1350, caption = "") {
  const processed = await processImage(await card(width, height, "#334155").png().toBuffer());
  return {
    storageKey: await storeFile(processed.image, processed.format),
    thumbnailKey: await storeFile(processed.thumbnail, "webp"),
    mime: processed.mime,
    width: processed.width,
    height: processed.height,
    bytes: processed.image.byteLength,
    checks: processed.checks,
    caption,
  };
}
