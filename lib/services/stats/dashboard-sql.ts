import type { Queryable } from "../../db/pool";
import type { BreakdownDimension } from "../../stats/dashboard-types";
import type { Route, Votes } from "../../stats/stats-types";

// The dashboard's statements beyond the agreement aggregates (lib/stats/read-stats-aggregates.ts). Each
// takes the dataset's id, or null for every dataset.

const SCOPE = `($1::uuid IS NULL OR s.dataset_id = $1::uuid)`;

/**
 * The planner overestimates the number of vote-pattern groups; with the default 4 MB it would sort a
 * million rows where a hash table of a few hundred groups does. For this transaction only.
 */
export async function allowHashedGroups(db: Queryable): Promise<void> {
  await db.query("SET LOCAL work_mem = '64MB'");
}

export async function queueSizeByRound(db: Queryable, datasetId: string | null): Promise<{ first: number; second: number }> {
  const { rows } = await db.query<{ round: "first" | "second"; count: number }>(
    `SELECT q.round::text AS round, count(*)::int AS count FROM queue_items q WHERE ($1::uuid IS NULL OR q.dataset_id = $1::uuid) GROUP BY 1`,
    [datasetId],
  );
  return { first: rows.find((row) => row.round === "first")?.count ?? 0, second: rows.find((row) => row.round === "second")?.count ?? 0 };
}

export async function decisionsPerDay(db: Queryable, datasetId: string | null): Promise<{ day: string; expert: string; count: number }[]> {
  const { rows } = await db.query<{ day: string; expert: string; count: number }>(
    `SELECT to_char(date_trunc('day', a.created_at), 'YYYY-MM-DD') AS day, u.email AS expert, count(*)::int AS count
       FROM adjudications a JOIN users u ON u.id = a.expert_id JOIN samples s ON s.id = a.sample_id
      WHERE ${SCOPE} AND a.created_at > now() - interval '30 days'
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [datasetId],
  );
  return rows;
}

export type BreakdownRow = { dimension: BreakdownDimension; key: string | null; votes: Votes; route: Route; count: number };

/**
 * The vote patterns per category, image condition, attack and model: one parallel scan groups the samples
 * by all four at once (a few hundred groups), and grouping sets split that small result. Grouping sets
 * straight over the samples ran single-threaded and hashed every row's votes four times (2 s at 1M).
 */
export async function breakdownPatterns(db: Queryable, datasetId: string | null): Promise<BreakdownRow[]> {
  const { rows } = await db.query<BreakdownRow>(
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
  return rows;
}

export type ExpertFigures = { expert: string; decisions: number; majorityDecided: number; overturned: number; medianSeconds: number | null };

export async function expertFigures(db: Queryable, datasetId: string | null): Promise<ExpertFigures[]> {
  const { rows } = await db.query<{ expert: string; decisions: number; majority_decided: number; overturned: number; median_seconds: number | null }>(
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

/** Each pre-label model version with its number of pre-labels, the newest first. */
export async function prelabelVersionCounts(db: Queryable, datasetId: string | null): Promise<{ model: string; version: string; n: number }[]> {
  const { rows } = await db.query<{ model: string; version: string; n: number }>(
    `SELECT p.model_name AS model, p.model_version AS version, count(*)::int AS n
       FROM prelabels p JOIN samples s ON s.id = p.sample_id WHERE ${SCOPE} GROUP BY 1, 2 ORDER BY max(p.created_at) DESC`,
    [datasetId],
  );
  return rows;
}

export type PrelabelCell = { model: string; version: string; against: "expert" | "consensus"; truth: string; predicted: string; count: number };

/** The confusion cells of each model version: against the first expert decision, and against a unanimous consensus. */
export async function prelabelConfusionCells(db: Queryable, datasetId: string | null): Promise<PrelabelCell[]> {
  const { rows } = await db.query<PrelabelCell>(
    `SELECT p.model_name AS model, p.model_version AS version, 'expert' AS against, a.judgment::text AS truth, p.judgment::text AS predicted, count(*)::int AS count
       FROM prelabels p JOIN adjudications a ON a.sample_id = p.sample_id AND a.round = 'first' JOIN samples s ON s.id = p.sample_id
      WHERE ${SCOPE} GROUP BY 1, 2, 4, 5
     UNION ALL
     SELECT p.model_name, p.model_version, 'consensus', s.consensus::text, p.judgment::text, count(*)::int
       FROM prelabels p JOIN samples s ON s.id = p.sample_id
      WHERE ${SCOPE} AND s.route = 'unanimous' GROUP BY 1, 2, 4, 5`,
    [datasetId],
  );
  return rows;
}

export type HeldExpert = { expert: string; dataset: string; paused: boolean; calibrationFailed: boolean; calibrationRound: number };

/** The experts the quality control holds back in scope: paused, or failed a calibration round (docs/quality-control.md). */
export async function heldExperts(db: Queryable, datasetId: string | null): Promise<HeldExpert[]> {
  const { rows } = await db.query<{ expert: string; dataset: string; paused: boolean; calibration_failed: boolean; calibration_round: number }>(
    `SELECT u.email AS expert, d.name AS dataset, st.paused_at IS NOT NULL AS paused, st.calibration_failed_at IS NOT NULL AS calibration_failed, st.calibration_round
       FROM expert_standings st JOIN users u ON u.id = st.expert_id JOIN datasets d ON d.id = st.dataset_id
      WHERE ($1::uuid IS NULL OR st.dataset_id = $1::uuid) AND (st.paused_at IS NOT NULL OR st.calibration_failed_at IS NOT NULL)
      ORDER BY d.name, u.email`,
    [datasetId],
  );
  return rows.map((row) => ({ expert: row.expert, dataset: row.dataset, paused: row.paused, calibrationFailed: row.calibration_failed, calibrationRound: row.calibration_round }));
}

/** Samples held back by an open flag, and samples with a discussion thread (docs/quality-control.md). */
export async function discussionCounts(db: Queryable, datasetId: string | null): Promise<{ openFlags: number; threads: number }> {
  const { rows } = await db.query<{ open_flags: number; threads: number }>(
    `SELECT (SELECT count(DISTINCT f.sample_id) FROM sample_flags f JOIN samples s ON s.id = f.sample_id WHERE f.resolved_at IS NULL AND ${SCOPE})::int AS open_flags,
            (SELECT count(DISTINCT c.sample_id) FROM comments c JOIN samples s ON s.id = c.sample_id WHERE ${SCOPE})::int AS threads`,
    [datasetId],
  );
  return { openFlags: rows[0]!.open_flags, threads: rows[0]!.threads };
}
