import { describe, expect, it } from "vitest";
import { spanAgreement, stepAt } from "@/lib/stats/span-agreement";

// Steps: "Step one." [0, 9), "Step two." [11, 20), "Step three." [22, 33), "Step four." [35, 45).
const THINKING = "Step one.\n\nStep two.\n\nStep three.\n\nStep four.";

describe("the step a span starts in", () => {
  it("is the first step that ends after the offset", () => {
    expect(stepAt(THINKING, 0)).toBe(1);
    expect(stepAt(THINKING, 8)).toBe(1);
    // In the blank lines between steps one and two: the step that follows.
    expect(stepAt(THINKING, 10)).toBe(2);
    expect(stepAt(THINKING, 44)).toBe(4);
    expect(stepAt(THINKING, 45)).toBe(4);
    expect(stepAt("line one\nline two", 9)).toBe(2);
  });
});

describe("span agreement", () => {
  // Worked by hand in docs/statistics.md ("Where harm starts").
  const pairs = [
    { thinking: THINKING, firstStart: 0, secondStart: 5 }, // steps 1 and 1, 5 characters apart
    { thinking: THINKING, firstStart: 12, secondStart: 24 }, // steps 2 and 3, 12 apart
    { thinking: THINKING, firstStart: 10, secondStart: 36 }, // steps 2 and 4, 26 apart
    { thinking: THINKING, firstStart: 23, secondStart: 23 }, // steps 3 and 3, 0 apart
  ];

  it("gives the hand-computed share, distances and α", () => {
    const result = spanAgreement(pairs);
    expect(result.n).toBe(4);
    expect(result.same_step_share).toBe(0.5);
    // Coincidences Σ o·δ² = 2·1 + 2·4 = 10; expected Σ n_c·n_k·δ² = 126 over the marginals 2, 2, 3, 1: α = 1 − 7·10/126.
    expect(result.alpha_interval_start_step).toBeCloseTo(4 / 9, 12);
    expect(result.char_distance).toEqual({
      median: 5,
      p90: 26,
      max: 26,
      mean: 10.75,
      histogram: [
        { bucket: "0", count: 1 },
        { bucket: "1–49", count: 3 },
        { bucket: "50–199", count: 0 },
        { bucket: "200–999", count: 0 },
        { bucket: "≥ 1000", count: 0 },
      ],
    });
    expect(result.step_distance).toEqual({
      median: 0,
      p90: 2,
      max: 2,
      mean: 0.75,
      histogram: [
        { bucket: "0", count: 2 },
        { bucket: "1", count: 1 },
        { bucket: "2", count: 1 },
        { bucket: "≥ 3", count: 0 },
      ],
    });
  });

  it("has α 1 when every pair starts in the same step, and nothing without pairs", () => {
    expect(spanAgreement([pairs[0]!, pairs[3]!]).alpha_interval_start_step).toBe(1);
    const empty = spanAgreement([]);
    expect(empty).toMatchObject({ n: 0, same_step_share: null, alpha_interval_start_step: null, char_distance: { median: null, max: null } });
  });
});
