import { riskLevelOf, RISK_VALUES, type RiskValue } from "../../domain/risk";
import type { Prisma, RiskLevel } from "../../generated/prisma";
import type { SampleFilters } from "./sample-filters";

function levelOf(param: string | undefined): RiskLevel | undefined {
  return param === undefined ? undefined : riskLevelOf(Number(param) as RiskValue);
}

/** The filters as a Prisma where clause (without the cursor): every filter given must hold. */
export function sampleWhere(filters: SampleFilters): Prisma.SampleWhereInput {
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
  // `samples.judges` is the import format's array: a partial verdict object matches by containment (@>).
  const judgeValue = filters.judgeJudgment === undefined ? undefined : (Number(filters.judgeJudgment) as RiskValue);
  if (filters.judge || judgeValue !== undefined) {
    conditions.push({ judges: { array_contains: [{ ...(filters.judge ? { name: filters.judge } : {}), ...(judgeValue !== undefined ? { judgment: judgeValue } : {}) }] } });
  }
  if (filters.minorityJudge) {
    // The judge voted, and not the majority's level: one branch per possible majority level.
    const judge = filters.minorityJudge;
    conditions.push({
      route: "majority",
      judges: { array_contains: [{ name: judge }] },
      OR: RISK_VALUES.map((value) => ({
        consensus: riskLevelOf(value),
        NOT: { judges: { array_contains: [{ name: judge, judgment: value }] } },
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
