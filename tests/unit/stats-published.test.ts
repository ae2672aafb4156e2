import { describe, expect, it } from "vitest";
import { cohenKappa, percentAgreement } from "@/lib/stats/cohen";
import { binaryHarmfulScores, classScores, macroF1 } from "@/lib/stats/f1";
import { fleissKappa } from "@/lib/stats/fleiss";
import { coincidenceFromUnits, krippendorffAlpha } from "@/lib/stats/krippendorff";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: 4 observers, 12 units, values
// 1–5, missing data (null). Unit 12 has a single value and is not pairable.
const OBSERVERS: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const UNITS = OBSERVERS[0]!.map((_, unit) => OBSERVERS.map((row) => row[unit]!).filter((value): value is number => value !== null));

describe("Krippendorff's alpha against Krippendorff (2011)", () => {
  const coincidence = coincidenceFromUnits(UNITS);

  it("builds the published coincidence matrix: 40 pairable values, n_c = 9, 13, 10, 5, 3", () => {
    expect(coincidence.values).toEqual([1, 2, 3, 4, 5]);
    const marginals = coincidence.matrix.map((row) => row.reduce((sum, cell) => sum + cell, 0));
    marginals.forEach((marginal, index) => expect(marginal).toBeCloseTo([9, 13, 10, 5, 3][index]!, 12));
    // o_11: unit 1 (three 1s of 3) adds 3·2/2, unit 8 (three 1s of 4) adds 3·2/3, unit 11 (two 1s) adds 2.
    expect(coincidence.matrix[0]![0]).toBeCloseTo(7, 12);
    // o_12: unit 8 (three 1s, one 2, m = 4) adds 3·1/3, unit 6 (1, 2, 3, 4) adds 1/3: o_12 = o_21 = 4/3.
    expect(coincidence.matrix[0]![1]).toBeCloseTo(4 / 3, 12);
    expect(coincidence.matrix[1]![0]).toBeCloseTo(4 / 3, 12);
  });

  it("gives nominal 0.743, ordinal 0.815 and interval 0.849", () => {
    expect(krippendorffAlpha(coincidence, "nominal")).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(coincidence, "ordinal")).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(coincidence, "interval")).toBeCloseTo(0.849, 3);
  });

  it("is 1 for perfect agreement and undefined without variation", () => {
    expect(krippendorffAlpha(coincidenceFromUnits([[0, 0], [1, 1], [0.5, 0.5]]), "nominal")).toBe(1);
    expect(krippendorffAlpha(coincidenceFromUnits([[1, 1], [1, 1]]), "interval")).toBeNull();
    expect(krippendorffAlpha(coincidenceFromUnits([[1], [2]]), "nominal")).toBeNull();
  });

  it("matches a small case worked by hand", () => {
    // Units {0,0}, {0,1}, {1,1}: o = [[2,1],[1,2]], n = 6, D_o ∝ 2, D_e ∝ 2·3·3 = 18 → α = 1 − 5·2/18 = 4/9.
    expect(krippendorffAlpha(coincidenceFromUnits([[0, 0], [0, 1], [1, 1]]), "nominal")).toBeCloseTo(4 / 9, 12);
  });
});

describe("Fleiss' kappa against Fleiss (1971)", () => {
  // The 10-subject, 14-rater, 5-category table (as reproduced on Wikipedia): κ = 0.210.
  const TABLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];

  it("gives 0.210", () => {
    const kappa = fleissKappa(TABLE.map((counts) => ({ counts })));
    expect(kappa).toBeCloseTo(0.21, 3);
    // P̄ = 53/140.2… worked exactly: Σ P_i = 3.780…; p_j = 20, 28, 39, 21, 32 of 140.
    const chance = [20, 28, 39, 21, 32].reduce((sum, count) => sum + (count / 140) ** 2, 0);
    const observed = TABLE.reduce((sum, row) => sum + row.reduce((inner, count) => inner + count * (count - 1), 0) / (14 * 13), 0) / 10;
    expect(kappa).toBeCloseTo((observed - chance) / (1 - chance), 12);
  });

  it("counts a repeated row like the same row written out", () => {
    expect(fleissKappa([{ counts: [3, 0], multiplicity: 2 }, { counts: [1, 2] }])).toBeCloseTo(
      fleissKappa([{ counts: [3, 0] }, { counts: [3, 0] }, { counts: [1, 2] }])!,
      12,
    );
  });
});

describe("Cohen's kappa", () => {
  it("reproduces the textbook 2×2 example: p_o = 0.7, p_e = 0.5, κ = 0.4", () => {
    // 50 grant proposals: both yes 20, A yes / B no 5, A no / B yes 10, both no 15.
    const matrix = [
      [20, 5],
      [10, 15],
    ];
    expect(percentAgreement(matrix)).toBeCloseTo(0.7, 12);
    expect(cohenKappa(matrix)).toBeCloseTo(0.4, 12);
  });

  it("weights disagreements linearly and quadratically, as worked by hand", () => {
    // n = 10; rows 4,3,3; columns 3,4,3.
    const matrix = [
      [3, 1, 0],
      [0, 2, 1],
      [0, 1, 2],
    ];
    // Unweighted: p_o = 0.7, p_e = (4·3 + 3·4 + 3·3)/100 = 0.33 → κ = 0.37/0.67.
    expect(cohenKappa(matrix, "none")).toBeCloseTo(0.37 / 0.67, 12);
    // Linear: observed Σ|i−j|·o_ij = 3; expected Σ|i−j|·r_i·c_j / n = (16 + 2·12 + 9 + 9 + 2·9 + 12) / 10 = 8.8.
    expect(cohenKappa(matrix, "linear")).toBeCloseTo(1 - 3 / 8.8, 12);
    // Quadratic: observed 3; expected (16 + 4·12 + 9 + 9 + 4·9 + 12) / 10 = 13.
    expect(cohenKappa(matrix, "quadratic")).toBeCloseTo(1 - 3 / 13, 12);
  });

  it("is undefined when both raters never vary", () => {
    expect(cohenKappa([[5, 0], [0, 0]])).toBeNull();
    expect(cohenKappa([[0, 0], [0, 0]])).toBeNull();
  });
});

describe("precision, recall and F1", () => {
  // Truth in rows, prediction in columns, levels 0 / 0.5 / 1.
  const matrix = [
    [5, 1, 0],
    [2, 3, 1],
    [0, 1, 7],
  ];

  it("scores harmful (0.5 or 1) against safe", () => {
    // Harmful truth 14, predicted harmful 13, true positive 3 + 1 + 1 + 7 = 12.
    const scores = binaryHarmfulScores(matrix);
    expect(scores.precision).toBeCloseTo(12 / 13, 12);
    expect(scores.recall).toBeCloseTo(12 / 14, 12);
    expect(scores.f1).toBeCloseTo(24 / 27, 12);
  });

  it("averages per-level F1 for macro-F1", () => {
    expect(classScores(matrix, 0).f1).toBeCloseTo(10 / 13, 12);
    expect(classScores(matrix, 1).f1).toBeCloseTo(6 / 11, 12);
    expect(classScores(matrix, 2).f1).toBeCloseTo(14 / 16, 12);
    expect(macroF1(matrix)).toBeCloseTo((10 / 13 + 6 / 11 + 14 / 16) / 3, 12);
  });
});

describe("bootstrap interval for alpha", () => {
  it("brackets the point estimate, narrows with more data, and is reproducible", async () => {
    const { bootstrapAlpha } = await import("@/lib/stats/bootstrap");
    const { coincidenceFromCounts } = await import("@/lib/stats/krippendorff");
    const patterns = [
      { counts: [3, 0, 0], multiplicity: 40 },
      { counts: [0, 3, 0], multiplicity: 25 },
      { counts: [0, 0, 3], multiplicity: 30 },
      { counts: [2, 1, 0], multiplicity: 10 },
      { counts: [0, 1, 2], multiplicity: 12 },
      { counts: [1, 1, 1], multiplicity: 6 },
    ];
    const values = [0, 0.5, 1];
    const point = krippendorffAlpha(coincidenceFromCounts(values, patterns), "ordinal")!;
    const small = bootstrapAlpha(values, patterns, "ordinal", { replicates: 400 })!;
    expect(small.low).toBeLessThan(point);
    expect(small.high).toBeGreaterThan(point);
    const large = bootstrapAlpha(values, patterns.map((pattern) => ({ ...pattern, multiplicity: pattern.multiplicity * 100 })), "ordinal", { replicates: 400 })!;
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 5);
    expect(bootstrapAlpha(values, patterns, "ordinal", { replicates: 400 })).toEqual(small);
    expect(bootstrapAlpha(values, [{ counts: [1, 0, 0], multiplicity: 10 }], "nominal")).toBeNull();
  });
});
