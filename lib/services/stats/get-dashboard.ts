import "server-only";
import type pg from "pg";
import { assertCan, type Actor } from "../../auth/actor";
import { inReadOnlySnapshot } from "../../db/pool";
import type { RiskValue } from "../../domain/risk";
import { bootstrapAlpha } from "../../stats/bootstrap";
import { emptyConfusion, type Confusion } from "../../stats/cohen";
import { statsFromAggregates } from "../../stats/dataset-stats";
import { binaryHarmfulScores, macroF1 } from "../../stats/f1";
import { groupFigures, judgeVersusExpert, type GroupFigures } from "../../stats/group-figures";
import { LEVELS, levelIndex, unitsOfPatterns } from "../../stats/levels";
import { readStatsAggregates } from "../../stats/read-stats-aggregates";
import { BREAKDOWN_DIMENSIONS, type Dashboard } from "../../stats/dashboard-types";
import type { Route, Votes } from "../../stats/stats-types";
import { datasetScope } from "../datasets/dataset-sql";
import { parseInput } from "../parse-input";
import { allowHashedGroups, breakdownPatterns, decisionsPerDay, discussionCounts, expertFigures, heldExperts, prelabelConfusionCells, prelabelVersionCounts, queueSizeByRound } from "./dashboard-sql";
import { statsQuerySchema } from "./get-dataset-stats";

/** Everything the reviewer dashboards show, for one dataset or all, in one consistent snapshot. */
export async function getDashboard(actor: Actor | null, query: unknown): Promise<Dashboard> {
  assertCan(actor, "stats:read");
  const { dataset } = parseInput(statsQuerySchema, query);
  return inReadOnlySnapshot(async (client) => {
    await allowHashedGroups(client);
    const datasetId = await datasetScope(client, dataset);
    const aggregates = await readStatsAggregates(client, datasetId);
    const units = unitsOfPatterns(aggregates.votePatterns);
    const dashboard: Dashboard = {
      dataset: dataset ?? null,
      computedAt: new Date().toISOString(),
      stats: statsFromAggregates(aggregates),
      alphaInterval: {
        nominal: bootstrapAlpha([...LEVELS], units, "nominal", { replicates: 500 }),
        ordinal: bootstrapAlpha([...LEVELS], units, "ordinal", { replicates: 500 }),
        interval: bootstrapAlpha([...LEVELS], units, "interval", { replicates: 500 }),
      },
      judgeVsExpert: judgeVersusExpert(aggregates),
      queue: await queueSizeByRound(client, datasetId),
      decisionsPerDay: await decisionsPerDay(client, datasetId),
      breakdowns: await breakdowns(client, datasetId),
      experts: await expertFigures(client, datasetId),
      held: await heldExperts(client, datasetId),
      discussion: await discussionCounts(client, datasetId),
      prelabelVersions: await prelabelVersions(client, datasetId),
    };
    return dashboard;
  });
}

const level = (text: string) => Number(text) as RiskValue;

/** The vote-pattern figures of each value of each breakdown dimension, the least agreed first. */
async function breakdowns(client: pg.PoolClient, datasetId: string | null): Promise<Dashboard["breakdowns"]> {
  const rows = await breakdownPatterns(client, datasetId);
  const result = Object.fromEntries(BREAKDOWN_DIMENSIONS.map((dimension) => [dimension, [] as GroupFigures[]])) as Dashboard["breakdowns"];
  for (const dimension of BREAKDOWN_DIMENSIONS) {
    const byKey = new Map<string, { votes: Votes; route: Route; count: number }[]>();
    for (const row of rows) {
      if (row.dimension !== dimension || row.key === null) continue;
      byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
    }
    result[dimension] = [...byKey.entries()].map(([key, patterns]) => groupFigures(key, patterns)).sort((a, b) => (a.alphaOrdinal ?? 2) - (b.alphaOrdinal ?? 2));
  }
  return result;
}

async function prelabelVersions(client: pg.PoolClient, datasetId: string | null): Promise<Dashboard["prelabelVersions"]> {
  const versions = await prelabelVersionCounts(client, datasetId);
  const cells = await prelabelConfusionCells(client, datasetId);
  return versions.map(({ model, version, n }) => {
    const vsExpert = emptyConfusion(3);
    const vsConsensus = emptyConfusion(3);
    for (const cell of cells) {
      if (cell.model !== model || cell.version !== version) continue;
      const matrix = cell.against === "expert" ? vsExpert : vsConsensus;
      matrix[levelIndex(level(cell.truth))]![levelIndex(level(cell.predicted))]! += cell.count;
    }
    const any = (matrix: Confusion) => matrix.flat().some((count) => count > 0);
    return {
      model,
      version,
      n,
      f1VsExpert: any(vsExpert) ? binaryHarmfulScores(vsExpert).f1 : null,
      f1VsConsensus: any(vsConsensus) ? binaryHarmfulScores(vsConsensus).f1 : null,
      macroF1VsExpert: macroF1(vsExpert),
      vsExpert,
      vsConsensus,
    };
  });
}
