import fs from "node:fs/promises";
import path from "node:path";
import exifReader from "exif-reader";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { listPendingFileDeletions } from "@/db/queries/file-deletions";
import { checkImage } from "@/lib/image-checks";
import { IMAGE_LIMITS } from "@/lib/image-checks";
import { isSrgb } from "./image-pipeline.mjs";
import { ImageRejected, MAX_SHORT_SIDE, processImage, processUploadedForm, storeProcessedImage } from "./images";
import * as storage from "./storage";

const make = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#3355aa" } });

async function rejection(bytes: Uint8Array): Promise<string> {
  try {
    await processImage(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageRejected);
    return (error as Error).message;
  }
  throw new Error("expected the image to be rejected");
}

describe("processImage", () => {
  it("accepts a portrait PNG, re-encodes it and passes both checks", async () => {
    const result = await processImage(await make(1080, 1920).png().toBuffer());
    expect(result).toMatchObject({ format: "png", mime: "image/png", width: 1080, height: 1920 });
    expect(result.checks).toEqual({ orientation: "portrait", orientationOk: true, sizeOk: true });
    const thumb = await sharp(result.thumbnail).metadata();
    expect(thumb).toMatchObject({ format: "webp", width: IMAGE_LIMITS.thumbWidth });
  });

  it("warns about landscape images and small ones", async () => {
    const landscape = await processImage(await make(1600, 900).jpeg().toBuffer());
    expect(landscape.checks).toMatchObject({ orientation: "landscape", orientationOk: false, sizeOk: true });
    const tiny = await processImage(await make(300, 300).webp().toBuffer());
    expect(tiny).toMatchObject({ format: "webp" });
    expect(tiny.checks).toEqual({ orientation: "square", orientationOk: true, sizeOk: false });
  });

  it("applies the EXIF orientation and strips all metadata, GPS included", async () => {
    // Stored 400×300 but tagged "rotate 90°": people see a 300×400 portrait photo.
    const input = await make(400, 300)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Artist: "Secret Name" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "40/1 26/1 4614/100" } })
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    const exif = exifReader(before.exif!);
    expect(exif.GPSInfo?.GPSLatitudeRef).toBe("N");
    expect(exif.Image?.Artist).toBe("Secret Name");
    const result = await processImage(input);
    expect([result.width, result.height]).toEqual([300, 400]);
    const after = await sharp(result.image).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(result.image.toString("latin1")).not.toContain("Secret Name");
  });

  it("converts colours from an embedded profile, and skips the no-op conversion from sRGB, keeping no profile", async () => {
    const red = (icc?: string) => {
      const image = make(64, 64).composite([{ input: { create: { width: 32, height: 64, channels: 3, background: "#c83232" } } }]);
      return (icc ? image.withIccProfile(icc) : image).png().toBuffer();
    };
    const pixels = async (png: Buffer) => {
      const { image } = await processImage(png);
      expect((await sharp(image).metadata()).icc).toBeUndefined();
      return sharp(image).raw().toBuffer();
    };
    const untagged = await pixels(await red());
    expect(await pixels(await red("srgb"))).toEqual(untagged);
    expect(await pixels(await red("p3"))).not.toEqual(untagged);
  });

  it("refuses an empty file", async () => {
    expect(await rejection(new Uint8Array())).toMatch(/empty/);
  });

  it("refuses an SVG or HTML file renamed .png", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect(await rejection(svg)).toMatch(/Only PNG, JPEG or WebP/);
    expect(await rejection(Buffer.from("<!doctype html><html><body>hi</body></html>"))).toMatch(/Only PNG, JPEG or WebP/);
  });

  it("refuses other real image types", async () => {
    expect(await rejection(await make(10, 10).gif().toBuffer())).toMatch(/Only PNG, JPEG or WebP/);
  });

  it("refuses truncated and corrupt images", async () => {
    const jpeg = await make(800, 1000).jpeg().toBuffer();
    expect(await rejection(jpeg.subarray(0, jpeg.length - 300))).toMatch(/could not be read/);
    const png = await make(800, 1000).png().toBuffer();
    const corrupt = Buffer.from(png);
    corrupt.fill(0x41, 100, 400);
    expect(await rejection(corrupt)).toMatch(/could not be read/);
  });

  it("scales a photo down to MAX_SHORT_SIDE on its shorter side, upright, with the same checks", async () => {
    // A phone's 3000×2000 photo held upright: stored 2000×3000 before scaling.
    const photo = await make(3000, 2000).jpeg({ quality: 85 }).withMetadata({ orientation: 6 }).toBuffer();
    const result = await processImage(photo);
    expect([result.width, result.height]).toEqual([MAX_SHORT_SIDE, 1620]);
    expect(await sharp(result.image).metadata()).toMatchObject({ format: "jpeg", width: MAX_SHORT_SIDE, height: 1620 });
    expect(result.checks).toEqual(checkImage(2000, 3000));
    const landscape = await processImage(await make(4000, 1500).png().toBuffer());
    expect([landscape.width, landscape.height]).toEqual([2880, MAX_SHORT_SIDE]);
    expect(landscape.checks).toEqual(checkImage(4000, 1500));
    // A tall infographic keeps every pixel of its width: only the shorter side counts.
    const tall = await processImage(await make(MAX_SHORT_SIDE, 5000).png().toBuffer());
    expect([tall.width, tall.height]).toEqual([MAX_SHORT_SIDE, 5000]);
  });

  it("still reads every byte of an image it scales down: a truncated one is refused", async () => {
    // Scaled by more than 3, so libjpeg decodes it at a quarter or an eighth of its size.
    const big = await make(4000, 4000).jpeg().toBuffer();
    expect((await processImage(big)).width).toBe(MAX_SHORT_SIDE);
    expect(await rejection(big.subarray(0, big.length - 2000))).toMatch(/could not be read/);
  });

  it("refuses images over 40 megapixels without decoding them", async () => {
    // 8000×5001 = 40,008,000 pixels; a flat PNG keeps the file small.
    const huge = await make(8000, 5001).png({ compressionLevel: 9 }).toBuffer();
    expect(huge.byteLength).toBeLessThan(IMAGE_LIMITS.maxBytes);
    expect(await rejection(huge)).toMatch(/40 megapixels/);
  });

  it("refuses files over 10 MB", async () => {
    const big = Buffer.alloc(IMAGE_LIMITS.maxBytes + 1);
    expect(await rejection(big)).toMatch(/10 MB/);
  });
});

describe("processUploadedForm", () => {
  /** A request body as the upload route spools it (lib/server/upload-body.ts). */
  async function spooled(body: FormData | string, contentType?: string) {
    const request = new Request("http://app.test/", { method: "POST", body });
    const file = path.join(process.env.UPLOADS_DIR!, `form-${Math.random()}.part`);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, Buffer.from(await request.arrayBuffer()));
    return { file, contentType: contentType ?? request.headers.get("content-type")! };
  }

  it("reads the image from the form and nothing else: a caption field is not read", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await make(600, 800).png().toBuffer())], { type: "image/png" }), "card.png");
    form.append("caption", `  ${"x".repeat(500)}  `);
    const { file, contentType } = await spooled(form);
    const processed = await processUploadedForm(file, contentType);
    expect(processed).toMatchObject({ format: "png", width: 600, height: 800 });
    expect(processed).not.toHaveProperty("caption");
  });

  it("refuses a form without a file, and a body that is no form", async () => {
    const form = new FormData();
    form.append("caption", "no file");
    const noFile = await spooled(form);
    await expect(processUploadedForm(noFile.file, noFile.contentType)).rejects.toThrow("Choose an image file to upload.");
    const garbage = await spooled("not multipart at all", "multipart/form-data; boundary=x");
    await expect(processUploadedForm(garbage.file, garbage.contentType)).rejects.toThrow("Choose an image file to upload.");
  });

  it("fails, as a server fault and not a refusal, when the spooled body is missing", async () => {
    const missing = processUploadedForm(path.join(process.env.UPLOADS_DIR!, "nowhere.part"), "multipart/form-data; boundary=x");
    await expect(missing).rejects.toThrow(/ENOENT/);
    await expect(missing).rejects.not.toBeInstanceOf(ImageRejected);
  });
});

describe("isSrgb", () => {
  const profile = async (icc: string) => (await sharp(await make(4, 4).withIccProfile(icc).png().toBuffer()).metadata()).icc;

  it("knows sRGB by its description, in ICC v4 (mluc) and v2 (desc) profiles", async () => {
    expect(isSrgb(await profile("srgb"))).toBe(true);
    // A v2 profile as cameras write it: the header, one tag, its ASCII description.
    const v2 = Buffer.alloc(200);
    v2.write("RGB ", 16, "latin1");
    v2.write("acsp", 36, "latin1");
    v2.writeUInt32BE(1, 128);
    v2.write("desc", 132, "latin1");
    v2.writeUInt32BE(144, 136);
    v2.writeUInt32BE(40, 140);
    v2.write("desc", 144, "latin1");
    v2.writeUInt32BE(18, 152);
    v2.write("sRGB IEC61966-2.1\0", 156, "latin1");
    expect(isSrgb(v2)).toBe(true);
    v2.write("sRGB IEC61966-2-1 black scaled\0", 156, "latin1");
    v2.writeUInt32BE(31, 152);
    expect(isSrgb(v2)).toBe(false);
  });

  it("says no to other profiles, to none and to garbage", async () => {
    expect(isSrgb(await profile("p3"))).toBe(false);
    expect(isSrgb(await profile("cmyk"))).toBe(false);
    expect(isSrgb(undefined)).toBe(false);
    const srgb = (await profile("srgb"))!;
    expect(isSrgb(srgb.subarray(0, 150))).toBe(false);
    expect(isSrgb(Buffer.alloc(300, 0xff))).toBe(false);
  });
});

describe("checkImage", () => {
  it("treats near-square as square", () => {
    expect(checkImage(1080, 1090).orientation).toBe("square");
    expect(checkImage(1080, 1350).orientation).toBe("portrait");
    expect(checkImage(1350, 1080).orientation).toBe("landscape");
  });
});

describe("storeProcessedImage", () => {
  /** Every stored file under the uploads folder (request bodies being read aside). */
  const stored = async () =>
    (await fs.readdir(process.env.UPLOADS_DIR!, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && !path.join(entry.parentPath, entry.name).includes(`${path.sep}incoming${path.sep}`))
      .map((entry) => entry.name)
      .sort();

  it("stores both files or neither: a thumbnail that fails to store takes the stored original with it", async () => {
    const image = await processImage(await make(600, 600).png().toBuffer());
    const before = await stored();
    const real = storage.storeFile;
    const spy = vi
      .spyOn(storage, "storeFile")
      .mockImplementation(async (bytes, extension) =>
        extension === "webp" ? Promise.reject(new Error("disk full")) : real(bytes, extension),
      );
    await expect(storeProcessedImage(image)).rejects.toThrow("disk full");
    spy.mockRestore();
    expect(await stored()).toEqual(before);
    expect(await listPendingFileDeletions()).toEqual([]);

    // Both stored, both kept.
    const both = await storeProcessedImage(image);
    expect(await stored()).toEqual([...before, path.basename(both.storageKey), path.basename(both.thumbnailKey)].sort());
  });
});
