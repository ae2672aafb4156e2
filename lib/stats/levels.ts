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
