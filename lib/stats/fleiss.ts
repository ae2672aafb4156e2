/**
 * Fleiss' κ from a subjects × categories table of rating counts (Fleiss 1971). Rows with fewer than two
 * ratings are left out; rows may have different numbers of raters (each row's agreement uses its own).
 * Null when undefined (no rows, or chance agreement of 1).
 */
export function fleissKappa(table: { counts: number[]; multiplicity?: number }[]): number | null {
  let subjects = 0;
  let agreementSum = 0;
  let totalRatings = 0;
  const categoryTotals: number[] = [];
  for (const { counts, multiplicity = 1 } of table) {
    const raters = counts.reduce((sum, count) => sum + count, 0);
    if (raters < 2) continue;
    const agreeing = counts.reduce((sum, count) => sum + count * (count - 1), 0);
    agreementSum += (multiplicity * agreeing) / (raters * (raters - 1));
    subjects += multiplicity;
    totalRatings += multiplicity * raters;
    counts.forEach((count, category) => (categoryTotals[category] = (categoryTotals[category] ?? 0) + multiplicity * count));
  }
  if (subjects === 0) return null;
  const observed = agreementSum / subjects;
  const chance = categoryTotals.reduce((sum, total) => sum + (total / totalRatings) ** 2, 0);
  if (chance === 1) return null;
  return (observed - chance) / (1 - chance);
}
