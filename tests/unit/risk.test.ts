import { describe, expect, it } from "vitest";
import { isRiskValue, riskLevelOf, riskSqlLabel, riskValueOf } from "@/lib/domain/risk";

describe("risk levels", () => {
  it("accepts exactly 0, 0.5 and 1", () => {
    expect([0, 0.5, 1].every(isRiskValue)).toBe(true);
    expect([0.49, 0.7, -0, 2, Number.NaN, Number.POSITIVE_INFINITY, "0.5", null].filter(isRiskValue)).toEqual([-0]);
  });

  it("round-trips between numbers, enum names and SQL labels", () => {
    for (const value of [0, 0.5, 1] as const) expect(riskValueOf(riskLevelOf(value))).toBe(value);
    expect(riskLevelOf(0.5)).toBe("potentially_harmful");
    expect([0, 0.5, 1].map((value) => riskSqlLabel(value as 0 | 0.5 | 1))).toEqual(["0", "0.5", "1"]);
  });
});
