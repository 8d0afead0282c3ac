import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImageBytes, Refusal } from "./image-pipeline.mjs";
import { PIPELINE_LIMITS } from "./images";

const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3355aa" } })
    .jpeg()
    .toBuffer();

describe("processImageBytes's stages (the bench times them)", () => {
  it("says as each stage ends, in order, for an image it keeps", async () => {
    const stages: string[] = [];
    const result = await processImageBytes(new Uint8Array(await jpeg(1200, 1600)), PIPELINE_LIMITS, (stage) => stages.push(stage));
    expect(stages).toEqual(["checks", "decode, upright, scale", "encode", "thumbnail"]);
    expect([result.width, result.height]).toEqual([1080, 1440]);
  });

  it("stops saying so at a refusal", async () => {
    const stages: string[] = [];
    const tooMany = { ...PIPELINE_LIMITS, maxPixels: 1_000 };
    await expect(processImageBytes(new Uint8Array(await jpeg(100, 100)), tooMany, (stage) => stages.push(stage))).rejects.toBeInstanceOf(
      Refusal,
    );
    expect(stages).toEqual([]);
  });
});
