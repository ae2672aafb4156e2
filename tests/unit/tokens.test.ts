import { describe, expect, it } from "vitest";
import { imageTokens } from "@/lib/tokens/image-tokens";
import { countTokens } from "@/lib/tokens/qwen-tokenizer";

describe("token counts", () => {
  // Reference counts from the published tokenizer tests of transformers.js for the Qwen tokenizer family
  // (tests/models/qwen2/test_tokenization_qwen2.js; Qwen1.5, Qwen2 and Qwen2.5 share the 151,643-token BPE
  // vocabulary), on its standard test strings.
  it.each([
    ["How are you doing?", 5],
    ["You should've done this", 5],
    ["0123456789 0 1 2 3 4 5 6 7 8 9 10 100 1000", 42],
    ["The company was founded in 2016.", 11],
    ["A\n'll !!to?'d''d of, can't.", 14],
    ["def main():\n\tpass", 4],
    ["This\n\nis\na\ntest.", 8],
    ["UNwant\u00e9d,running", 5],
    ["Hello World", 2],
  ])("counts %j as %i tokens, as the reference tokenizer does", (text, expected) => {
    expect(countTokens(text)).toBe(expected);
  });

  it("counts an image as Qwen2.5-VL's processor sizes it: 28-pixel cells within its pixel bounds, plus the two markers", () => {
    expect(imageTokens(224, 224)).toBe(8 * 8 + 2);
    // Sides round to the nearest multiple of 28.
    expect(imageTokens(300, 200)).toBe(11 * 7 + 2);
    // A tiny image is scaled up to at least 56×56 pixels.
    expect(imageTokens(8, 8)).toBe(2 * 2 + 2);
    // A huge one is scaled down to at most 28×28×16,384 pixels.
    expect(imageTokens(8000, 8000)).toBe(128 * 128 + 2);
  });
});
