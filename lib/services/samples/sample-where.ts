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
  // A named judge is looked up in `samples.votes` ({judge: level}, a few dozen bytes stored inline), not in
  // `samples.judges`, whose analyses would be decompressed for every row a count scans. A missing key
  // compares as NULL, so a sample the judge did not see never matches.
  const judgeValue = filters.judgeJudgment === undefined ? undefined : (Number(filters.judgeJudgment) as RiskValue);
  if (filters.judge) {
    const levels = judgeValue === undefined ? RISK_VALUES : [judgeValue];
    conditions.push({ OR: levels.map((value) => ({ votes: { path: [filters.judge!], equals: value } })) });
  } else if (judgeValue !== undefined) {
    conditions.push({ judges: { array_contains: [{ judgment: judgeValue }] } });
  }
  if (filters.minorityJudge) {
    // The judge voted, and not the majority's level: one branch per possible majority level.
    const judge = filters.minorityJudge;
    conditions.push({
      route: "majority",
      OR: RISK_VALUES.map((value) => ({
        consensus: riskLevelOf(value),
        OR: RISK_VALUES.filter((other) => other !== value).map((other) => ({ votes: { path: [judge], equals: other } })),
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
  if (filters.discussion === "open_flag") conditions.push({ flags: { some: { resolvedAt: null } } });
  if (filters.discussion === "thread") conditions.push({ comments: { some: {} } });
  if (filters.discussion === "skipped") conditions.push({ skips: { some: {} } });
  return conditions.length > 0 ? { AND: conditions } : {};
}
