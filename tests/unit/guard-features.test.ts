import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { imageTensor, textFeatures } from "@/lib/guard/features";

describe("guard preprocessing", () => {
  it("hashes the three parts into an L2-normalised, log-scaled vector", () => {
    const vector = textFeatures({ question: "Mix bleach", thinking: "Mix bleach and ammonia", answer: "No." }, 64);
    expect(vector).toHaveLength(64);
    const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
    expect(norm).toBeCloseTo(1, 6);
    expect(textFeatures({ question: "MIX   bleach!", thinking: "mix bleach, and ammonia", answer: "no" }, 64)).toEqual(vector);
    expect(textFeatures({ question: "Mix bleach", thinking: "Mix bleach and water", answer: "No." }, 64)).not.toEqual(vector);
    expect(textFeatures({ question: "", thinking: "", answer: "" }, 8)).toEqual(new Float32Array(8));
  });

  it("turns a fixed 2×2 image into the expected normalised CHW tensor", async () => {
    // Pixels (row-major): red, green / blue, white.
    const raw = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const png = await sharp(raw, { raw: { width: 2, height: 2, channels: 3 } }).png().toBuffer();
    const tensor = await imageTensor(png, { input: "image", size: 2, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] });
    expect([...tensor]).toEqual([
      // R channel
      1, -1, -1, 1,
      // G channel
      -1, 1, -1, 1,
      // B channel
      -1, -1, 1, 1,
    ]);
    expect([...(await imageTensor(null, { input: "image", size: 2, mean: [0, 0, 0], std: [1, 1, 1] }))]).toEqual(new Array(12).fill(0));
  });
});
