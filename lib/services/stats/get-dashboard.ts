import "server-only";
import type pg from "pg";
import { assertCan, type Actor } from "../../auth/actor";
import { inReadOnlySnapshot } from "../../db/pool";
import type { RiskValue } from "../../domain/risk";
import { NotFoundError } from "../../errors";
import { bootstrapAlpha } from "../../stats/bootstrap";
import { emptyConfusion, type Confusion } from "../../stats/cohen";
import { statsFromAggregates } from "../../stats/dataset-stats";
import { binaryHarmfulScores, macroF1 } from "../../stats/f1";
import { groupFigures, judgeVersusExpert, type GroupFigures } from "../../stats/group-figures";
import { LEVELS, levelCounts, levelIndex } from "../../stats/levels";
import { readStatsAggregates } from "../../stats/read-stats-aggregates";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, type Dashboard } from "../../stats/dashboard-types";
import type { Route, Votes } from "../../stats/stats-types";
import { parseInput } from "../parse-input";
import { statsQuerySchema } from "./get-dataset-stats";

/** Everything the reviewer dashboards show, for one dataset or all, in one consistent snapshot. */
export async function getDashboard(actor: Actor | null, query: unknown): Promise<Dashboard> {
  assertCan(actor, "stats:read");
  const { dataset } = parseInput(statsQuerySchema, query);
  return inReadOnlySnapshot(async (client) => {
    // The planner overestimates the number of vote-pattern groups; with the default 4 MB it would sort a
    // million rows where a hash table of a few hundred groups does.
    await client.query("SET LOCAL work_mem = '64MB'");
    const datasetId = dataset ? await datasetIdOf(client, dataset) : null;
    const aggregates = await readStatsAggregates(client, datasetId);
    const units = aggregates.votePatterns.map((pattern) => ({ counts: levelCounts(Object.values(pattern.votes)), multiplicity: pattern.count }));
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
      queue: await queueSize(client, datasetId),
      decisionsPerDay: await decisionsPerDay(client, datasetId),
      breakdowns: await breakdowns(client, datasetId),
      experts: await expertFigures(client, datasetId),
      prelabelVersions: await prelabelVersions(client, datasetId),
    };
    return dashboard;
  });
}

const SCOPE = `($1::uuid IS NULL OR s.dataset_id = $1::uuid)`;
const level = (text: string) => Number(text) as RiskValue;

async function datasetIdOf(client: pg.PoolClient, name: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM datasets WHERE name = $1`, [name]);
  if (!rows[0]) throw new NotFoundError(`no dataset named ${name}`);
  return rows[0].id;
}

async function queueSize(client: pg.PoolClient, datasetId: string | null) {
  const { rows } = await client.query<{ round: "first" | "second"; count: number }>(
    `SELECT q.round::text AS round, count(*)::int AS count FROM queue_items q WHERE ($1::uuid IS NULL OR q.dataset_id = $1::uuid) GROUP BY 1`,
    [datasetId],
  );
  return { first: rows.find((row) => row.round === "first")?.count ?? 0, second: rows.find((row) => row.round === "second")?.count ?? 0 };
}

async function decisionsPerDay(client: pg.PoolClient, datasetId: string | null) {
  const { rows } = await client.query<{ day: string; expert: string; count: number }>(
    `SELECT to_char(date_trunc('day', a.created_at), 'YYYY-MM-DD') AS day, u.email AS expert, count(*)::int AS count
       FROM adjudications a JOIN users u ON u.id = a.expert_id JOIN samples s ON s.id = a.sample_id
      WHERE ${SCOPE} AND a.created_at > now() - interval '30 days'
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [datasetId],
  );
  return rows;
}

/**
 * The vote patterns per category, image condition, attack and model: one parallel scan groups the samples
 * by all four at once (a few hundred groups), and grouping sets split that small result. Grouping sets
 * straight over the samples ran single-threaded and hashed every row's votes four times (2 s at 1M).
 */
async function breakdowns(client: pg.PoolClient, datasetId: string | null): Promise<Dashboard["breakdowns"]> {
  const { rows } = await client.query<{ dimension: BreakdownDimension; key: string | null; votes: Votes; route: Route; count: number }>(
    `WITH fine AS (
       SELECT s.category, s.image_condition, s.attack, s.model, s.votes, s.route, count(*) AS n
         FROM samples s WHERE ${SCOPE}
        GROUP BY s.category, s.image_condition, s.attack, s.model, s.votes, s.route)
     SELECT CASE WHEN GROUPING(category) = 0 THEN 'category'
                 WHEN GROUPING(image_condition) = 0 THEN 'image_condition'
                 WHEN GROUPING(attack) = 0 THEN 'attack' ELSE 'model' END AS dimension,
            coalesce(category::text, image_condition::text, attack, model) AS key,
            votes, route::text AS route, sum(n)::int AS count
       FROM fine
      GROUP BY GROUPING SETS ((category, votes, route), (image_condition, votes, route), (attack, votes, route), (model, votes, route))`,
    [datasetId],
  );
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

async function expertFigures(client: pg.PoolClient, datasetId: string | null) {
  const { rows } = await client.query<{ expert: string; decisions: number; majority_decided: number; overturned: number; median_seconds: number | null }>(
    `SELECT u.email AS expert, count(*)::int AS decisions,
            count(*) FILTER (WHERE s.route = 'majority')::int AS majority_decided,
            count(*) FILTER (WHERE s.route = 'majority' AND a.judgment <> s.consensus)::int AS overturned,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.created_at - a.started_at))::float8 AS median_seconds
       FROM adjudications a JOIN users u ON u.id = a.expert_id JOIN samples s ON s.id = a.sample_id
      WHERE ${SCOPE} GROUP BY u.email ORDER BY decisions DESC, expert`,
    [datasetId],
  );
  return rows.map((row) => ({ expert: row.expert, decisions: row.decisions, majorityDecided: row.majority_decided, overturned: row.overturned, medianSeconds: row.median_seconds }));
}

async function prelabelVersions(client: pg.PoolClient, datasetId: string | null): Promise<Dashboard["prelabelVersions"]> {
  const { rows: versions } = await client.query<{ model: string; version: string; n: number }>(
    `SELECT p.model_name AS model, p.model_version AS version, count(*)::int AS n
       FROM prelabels p JOIN samples s ON s.id = p.sample_id WHERE ${SCOPE} GROUP BY 1, 2 ORDER BY max(p.created_at) DESC`,
    [datasetId],
  );
  const { rows: cells } = await client.query<{ model: string; version: string; against: "expert" | "consensus"; truth: string; predicted: string; count: number }>(
    `SELECT p.model_name AS model, p.model_version AS version, 'expert' AS against, a.judgment::text AS truth, p.judgment::text AS predicted, count(*)::int AS count
       FROM prelabels p JOIN adjudications a ON a.sample_id = p.sample_id AND a.round = 'first' JOIN samples s ON s.id = p.sample_id
      WHERE ${SCOPE} GROUP BY 1, 2, 4, 5
     UNION ALL
     SELECT p.model_name, p.model_version, 'consensus', s.consensus::text, p.judgment::text, count(*)::int
       FROM prelabels p JOIN samples s ON s.id = p.sample_id
      WHERE ${SCOPE} AND s.route = 'unanimous' GROUP BY 1, 2, 4, 5`,
    [datasetId],
  );
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
