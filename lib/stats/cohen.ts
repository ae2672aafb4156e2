export type KappaWeights = "none" | "linear" | "quadratic";

/** A k × k confusion matrix: rows are the first rater's category, columns the second's. */
export type Confusion = number[][];

export function emptyConfusion(size: number): Confusion {
  return Array.from({ length: size }, () => new Array<number>(size).fill(0));
}

export function total(matrix: Confusion): number {
  return matrix.reduce((sum, row) => sum + row.reduce((rowSum, cell) => rowSum + cell, 0), 0);
}

/** Share of items on the diagonal; null for an empty matrix. */
export function percentAgreement(matrix: Confusion): number | null {
  const n = total(matrix);
  if (n === 0) return null;
  return matrix.reduce((sum, row, index) => sum + row[index]!, 0) / n;
}

/**
 * Cohen's κ, unweighted or with linear or quadratic disagreement weights over ordered categories:
 * κ_w = 1 − Σ v_ij o_ij / Σ v_ij e_ij. Null when undefined (empty, or no disagreement expected by chance).
 */
export function cohenKappa(matrix: Confusion, weights: KappaWeights = "none"): number | null {
  const n = total(matrix);
  const size = matrix.length;
  if (n === 0) return null;
  const rows = matrix.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  const columns = matrix[0]!.map((_, column) => matrix.reduce((sum, row) => sum + row[column]!, 0));
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j < size; j += 1) {
      const gap = Math.abs(i - j);
      const weight = weights === "none" ? (gap === 0 ? 0 : 1) : weights === "linear" ? gap : gap * gap;
      observed += weight * matrix[i]![j]!;
      expected += (weight * rows[i]! * columns[j]!) / n;
    }
  }
  if (expected === 0) return null;
  return 1 - observed / expected;
}
