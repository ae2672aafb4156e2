import { describe, expect, it } from "vitest";
import { splitThinking } from "@/lib/domain/thinking-steps";

describe("splitThinking", () => {
  it("splits on blank lines and keeps exact offsets into the original text", () => {
    const thinking = "First idea.\n\n  Second, indented.\r\n\r\n\r\nThird\nstill third.";
    const steps = splitThinking(thinking);
    expect(steps.map((step) => step.text)).toEqual(["First idea.", "Second, indented.", "Third\nstill third."]);
    for (const step of steps) expect(thinking.slice(step.start, step.end)).toBe(step.text);
    expect(steps.map((step) => step.number)).toEqual([1, 2, 3]);
  });

  it("falls back to single line breaks when there are no blank lines", () => {
    expect(splitThinking("a\nb\nc").map((step) => step.text)).toEqual(["a", "b", "c"]);
  });

  it("returns nothing for an empty or blank trace", () => {
    expect(splitThinking("")).toEqual([]);
    expect(splitThinking(" \n\n ")).toEqual([]);
  });
});
