export type AlphaMetric = "nominal" | "ordinal" | "interval";

/** A coincidence matrix over sorted category values (Krippendorff 2011, §A). */
export type Coincidence = { values: number[]; matrix: number[][] };

/**
 * Builds the coincidence matrix from units given as counts per category: a unit with m pairable values
 * adds n_c·n_k/(m−1) to o_ck (and n_c(n_c−1)/(m−1) to o_cc). `multiplicity` lets identical units
 * (the same vote pattern) be added at once, which is what the SQL path does.
 */
export function coincidenceFromCounts(values: number[], units: { counts: number[]; multiplicity: number }[]): Coincidence {
  const size = values.length;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const { counts, multiplicity } of units) {
    const m = counts.reduce((sum, count) => sum + count, 0);
    if (m < 2) continue;
    for (let c = 0; c < size; c += 1) {
      for (let k = 0; k < size; k += 1) {
        const pairs = c === k ? counts[c]! * (counts[c]! - 1) : counts[c]! * counts[k]!;
        if (pairs) matrix[c]![k]! += (multiplicity * pairs) / (m - 1);
      }
    }
  }
  return { values, matrix };
}

/** The coincidence matrix of units given as lists of values (missing values simply absent). */
export function coincidenceFromUnits(units: number[][]): Coincidence {
  const values = [...new Set(units.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((value, position) => [value, position]));
  return coincidenceFromCounts(
    values,
    units.map((unit) => {
      const counts = new Array<number>(values.length).fill(0);
      for (const value of unit) counts[index.get(value)!]! += 1;
      return { counts, multiplicity: 1 };
    }),
  );
}

/** Squared distance δ²(c, k) between categories c and k (by index) under the metric. */
function distance(metric: AlphaMetric, values: number[], marginals: number[], c: number, k: number): number {
  if (c === k) return 0;
  if (metric === "nominal") return 1;
  if (metric === "interval") return (values[c]! - values[k]!) ** 2;
  const [low, high] = c < k ? [c, k] : [k, c];
  let between = 0;
  for (let g = low; g <= high; g += 1) between += marginals[g]!;
  return (between - (marginals[low]! + marginals[high]!) / 2) ** 2;
}

/** Krippendorff's α = 1 − D_o/D_e; null when it is undefined (fewer than two pairable values, or no variation). */
export function krippendorffAlpha({ values, matrix }: Coincidence, metric: AlphaMetric): number | null {
  const marginals = matrix.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  const n = marginals.reduce((sum, count) => sum + count, 0);
  if (n < 2) return null;
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c += 1) {
    for (let k = 0; k < values.length; k += 1) {
      const delta = distance(metric, values, marginals, c, k);
      observed += matrix[c]![k]! * delta;
      expected += marginals[c]! * marginals[k]! * delta;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}
