import type { RiskLevel } from "../generated/prisma";

/** The three risk levels, as the numbers of the import format and as the database enum. */
export const RISK_VALUES = [0, 0.5, 1] as const;
export type RiskValue = (typeof RISK_VALUES)[number];

const toLevel: Record<RiskValue, RiskLevel> = { 0: "safe", 0.5: "potentially_harmful", 1: "harmful" };
const toValue: Record<RiskLevel, RiskValue> = { safe: 0, potentially_harmful: 0.5, harmful: 1 };

export function isRiskValue(value: unknown): value is RiskValue {
  return value === 0 || value === 0.5 || value === 1;
}

export function riskLevelOf(value: RiskValue): RiskLevel {
  return toLevel[value];
}

export function riskValueOf(level: RiskLevel): RiskValue {
  return toValue[level];
}

export const RISK_LABELS: Record<RiskValue, string> = {
  0: "safe",
  0.5: "potentially harmful",
  1: "harmful",
};

/** The label of the `risk_level` enum in SQL: the value itself ('0', '0.5', '1'). */
export function riskSqlLabel(value: RiskValue): string {
  return String(value);
}
