import { describe, expect, it } from "vitest";
import { breaksFloor, calibrationOutcome } from "@/lib/quality/standing-rules";
import { wilsonInterval } from "@/lib/quality/wilson";

describe("the Wilson score interval", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine
  // 17:857–872, Table I, method 3 (score interval without continuity correction), to four places.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ])("matches Newcombe's table for %i of %i", (successes, n, low, high) => {
    const interval = wilsonInterval(successes, n)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it("has no interval without answers and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(RangeError);
  });
});

describe("the pause rule", () => {
  it("pauses only when the upper bound falls below the floor", () => {
    // One wrong answer: upper bound 0.7935.
    expect(breaksFloor({ correct: 0, n: 1 }, 0.8)).toBe(true);
    expect(breaksFloor({ correct: 0, n: 1 }, 0.79)).toBe(false);
    // 6 of 10 right: upper bound 0.8388, so a floor of 0.85 pauses and 0.8 does not.
    expect(breaksFloor({ correct: 6, n: 10 }, 0.85)).toBe(true);
    expect(breaksFloor({ correct: 6, n: 10 }, 0.8)).toBe(false);
  });

  it("never pauses at a floor of 0 or without answers", () => {
    expect(breaksFloor({ correct: 0, n: 50 }, 0)).toBe(false);
    expect(breaksFloor({ correct: 0, n: 0 }, 0.9)).toBe(false);
  });
});

describe("a calibration round", () => {
  it("stays open until every item is answered, then passes at the floor and fails below it", () => {
    expect(calibrationOutcome({ correct: 4, n: 4 }, 5, 0.8)).toBe("open");
    expect(calibrationOutcome({ correct: 4, n: 5 }, 5, 0.8)).toBe("passed");
    expect(calibrationOutcome({ correct: 3, n: 5 }, 5, 0.8)).toBe("failed");
    expect(calibrationOutcome({ correct: 0, n: 5 }, 5, 0)).toBe("passed");
  });
});
