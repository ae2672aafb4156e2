import type { Prisma, RiskLevel } from "../../generated/prisma";
import { riskLevelOf } from "../../domain/risk";
import type { SampleFilters } from "./sample-filters";

/** The filters as a Prisma where clause (without the cursor). */
export function sampleWhere(filters: SampleFilters): Prisma.SampleWhereInput {
  const judgeLevel: RiskLevel | undefined = filters.judgeJudgment === undefined ? undefined : riskLevelOf(Number(filters.judgeJudgment) as 0 | 0.5 | 1);
  return {
    ...(filters.dataset ? { dataset: { name: filters.dataset } } : {}),
    ...(filters.route ? { route: filters.route } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.imageCondition ? { imageCondition: filters.imageCondition } : {}),
    ...(filters.attack ? { attack: filters.attack } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.model ? { model: filters.model } : {}),
    ...(filters.externalId ? { externalId: filters.externalId } : {}),
    ...(filters.judge || judgeLevel
      ? { judges: { some: { ...(filters.judge ? { judge: filters.judge } : {}), ...(judgeLevel ? { judgment: judgeLevel } : {}) } } }
      : {}),
    ...(filters.status === "adjudicated" ? { adjudications: { some: {} } } : {}),
    ...(filters.status === "pending" ? { adjudications: { none: {} } } : {}),
  };
}
