import { describe, expect, it } from "vitest";
import { markSegments } from "@/lib/domain/span-marks";

describe("marking spans in a step", () => {
  // The step "Step two leaks it." starts at offset 11 of the thinking and ends at 29.
  const text = "Step two leaks it.";

  it("cuts at mark boundaries and keeps each run's offset", () => {
    const ana = { start: 16, end: 25, label: "ana" };
    const bo = { start: 20, end: 40, label: "bo" };
    const segments = markSegments(11, text, [ana, bo]);
    expect(segments.map((segment) => [segment.start, segment.end, segment.text, segment.marks.map((mark) => mark.label)])).toEqual([
      [11, 16, "Step ", []],
      [16, 20, "two ", ["ana"]],
      [20, 25, "leaks", ["ana", "bo"]],
      [25, 29, " it.", ["bo"]],
    ]);
    expect(segments.map((segment) => segment.text).join("")).toBe(text);
  });

  it("leaves a step no mark touches whole", () => {
    expect(markSegments(11, text, [{ start: 0, end: 11, label: "ana" }, { start: 29, end: 35, label: "bo" }])).toEqual([{ start: 11, end: 29, text, marks: [] }]);
  });
});
