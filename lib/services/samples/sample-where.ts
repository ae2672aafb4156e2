import { riskLevelOf, RISK_VALUES, type RiskValue } from "../../domain/risk";
import type { Prisma, RiskLevel } from "../../generated/prisma";
import type { SampleFilters } from "./sample-filters";

function levelOf(param: string | undefined): RiskLevel | undefined {
  return param === undefined ? undefined : riskLevelOf(Number(param) as RiskValue);
}

/** The filters as a Prisma where clause (without the cursor): every filter given must hold. */
export function sampleWhere(filters: SampleFilters): Prisma.SampleWhereInput {
  const judgeLevel = levelOf(filters.judgeJudgment);
  const expertLevel = levelOf(filters.expertJudgment);
  const conditions: Prisma.SampleWhereInput[] = [];
  if (filters.dataset) conditions.push({ dataset: { name: filters.dataset } });
  if (filters.route) conditions.push({ route: filters.route });
  if (filters.category) conditions.push({ category: filters.category });
  if (filters.imageCondition) conditions.push({ imageCondition: filters.imageCondition });
  if (filters.attack) conditions.push({ attack: filters.attack });
  if (filters.source) conditions.push({ source: filters.source });
  if (filters.model) conditions.push({ model: filters.model });
  if (filters.externalId) conditions.push({ externalId: filters.externalId });
  if (filters.judge || judgeLevel) {
    conditions.push({ judges: { some: { ...(filters.judge ? { judge: filters.judge } : {}), ...(judgeLevel ? { judgment: judgeLevel } : {}) } } });
  }
  if (filters.minorityJudge) {
    // The judge's level differs from the majority's: one branch per possible majority level.
    conditions.push({
      route: "majority",
      OR: RISK_VALUES.map((value) => ({
        consensus: riskLevelOf(value),
        judges: { some: { judge: filters.minorityJudge, judgment: { not: riskLevelOf(value) } } },
      })),
    });
  }
  if (filters.expert || expertLevel) {
    conditions.push({
      adjudications: { some: { round: "first", ...(filters.expert ? { expert: { email: filters.expert } } : {}), ...(expertLevel ? { judgment: expertLevel } : {}) } },
    });
  }
  if (filters.status === "adjudicated") conditions.push({ adjudications: { some: {} } });
  if (filters.status === "pending") conditions.push({ adjudications: { none: {} } });
  return conditions.length > 0 ? { AND: conditions } : {};
}
