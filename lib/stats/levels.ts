import { RISK_VALUES, type RiskValue } from "../domain/risk";

export const LEVELS: readonly RiskValue[] = RISK_VALUES;

export function levelIndex(value: RiskValue): number {
  return LEVELS.indexOf(value);
}

/** Counts per level (0, 0.5, 1) of a unit's values. */
export function levelCounts(values: Iterable<RiskValue>): number[] {
  const counts = [0, 0, 0];
  for (const value of values) counts[levelIndex(value)]! += 1;
  return counts;
}

/**
 * Vote patterns as units for α and κ: their level counts with multiplicities, patterns with the same
 * counts merged. The aggregates split patterns by route and week, which the agreement figures ignore;
 * merging keeps a bootstrap's work to the few distinct count vectors.
 */
export function unitsOfPatterns(patterns: { votes: Record<string, RiskValue>; count: number }[]): { counts: number[]; multiplicity: number }[] {
  const units = new Map<string, { counts: number[]; multiplicity: number }>();
  for (const pattern of patterns) {
    const counts = levelCounts(Object.values(pattern.votes));
    const key = counts.join(",");
    const unit = units.get(key);
    if (unit) unit.multiplicity += pattern.count;
    else units.set(key, { counts, multiplicity: pattern.count });
  }
  return [...units.values()];
}
