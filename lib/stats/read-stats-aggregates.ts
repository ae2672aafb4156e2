import type pg from "pg";
import type { RiskValue } from "../domain/risk";
import { readEvaluationCells } from "./read-evaluation-cells";
import type { Route, StatsAggregates, Votes } from "./stats-types";

/**
 * Reads the counts the statistics need, per dataset or for all: a handful of GROUP BY queries over
 * indexed columns. No sample is loaded.
 */
export async function readStatsAggregates(client: pg.ClientBase, datasetId: string | null): Promise<StatsAggregates> {
  const scope = `($1::uuid IS NULL OR s.dataset_id = $1::uuid)`;
  const level = (text: string) => Number(text) as RiskValue;
  // One client runs one query at a time: these run in sequence inside the caller's snapshot.
  // Weeks start on Monday (date_trunc's ISO week), in the server's time zone; the drift (lib/stats/drift.ts) reads them.
  const patterns = await client.query<{ votes: Votes; route: Route; week: string; count: number }>(
      `SELECT s.votes, s.route::text AS route, date_trunc('week', s.created_at)::date::text AS week, count(*)::int AS count
         FROM samples s WHERE ${scope} GROUP BY s.votes, s.route, date_trunc('week', s.created_at)`,
      [datasetId],
  );
  const experts = await client.query<{ votes: Votes; route: Route; expert: string; week: string; count: number }>(
      `SELECT s.votes, s.route::text AS route, a.judgment::text AS expert, date_trunc('week', a.created_at)::date::text AS week, count(*)::int AS count
         FROM adjudications a JOIN samples s ON s.id = a.sample_id
        WHERE a.round = 'first' AND ${scope} GROUP BY s.votes, s.route, a.judgment, date_trunc('week', a.created_at)`,
      [datasetId],
  );
  const pairs = await client.query<{ first: string; second: string; count: number }>(
      `SELECT a1.judgment::text AS first, a2.judgment::text AS second, count(*)::int AS count
         FROM adjudications a1 JOIN adjudications a2 ON a2.sample_id = a1.sample_id AND a2.round = 'second'
         JOIN samples s ON s.id = a1.sample_id
        WHERE a1.round = 'first' AND ${scope} GROUP BY 1, 2`,
      [datasetId],
  );
  // The current model is the one that wrote the newest pre-label in scope.
  const model = await client.query<{ model_name: string; model_version: string; n: number }>(
      `SELECT p.model_name, p.model_version, count(*)::int AS n
         FROM prelabels p JOIN samples s ON s.id = p.sample_id
        WHERE ${scope} GROUP BY 1, 2 ORDER BY max(p.created_at) DESC, 1, 2 LIMIT 1`,
      [datasetId],
  );
  const current = model.rows[0] ?? null;
  const prelabel: StatsAggregates["prelabel"] = { model: current?.model_name ?? null, version: current?.model_version ?? null, n: current?.n ?? 0, vsExpert: [], vsConsensus: [] };
  if (current) {
    const vsExpert = await client.query<{ truth: string; predicted: string; week: string; count: number }>(
        `SELECT a.judgment::text AS truth, p.judgment::text AS predicted, date_trunc('week', a.created_at)::date::text AS week, count(*)::int AS count
           FROM prelabels p JOIN adjudications a ON a.sample_id = p.sample_id AND a.round = 'first'
           JOIN samples s ON s.id = p.sample_id
          WHERE p.model_name = $2 AND p.model_version = $3 AND ${scope} GROUP BY 1, 2, date_trunc('week', a.created_at)`,
        [datasetId, current.model_name, current.model_version],
    );
    const vsConsensus = await client.query<{ truth: string; predicted: string; count: number }>(
        `SELECT s.consensus::text AS truth, p.judgment::text AS predicted, count(*)::int AS count
           FROM prelabels p JOIN samples s ON s.id = p.sample_id
          WHERE s.route = 'unanimous' AND p.model_name = $2 AND p.model_version = $3 AND ${scope} GROUP BY 1, 2`,
        [datasetId, current.model_name, current.model_version],
    );
    prelabel.vsExpert = vsExpert.rows.map((row) => ({ truth: level(row.truth), predicted: level(row.predicted), week: row.week, count: row.count }));
    prelabel.vsConsensus = vsConsensus.rows.map((row) => ({ truth: level(row.truth), predicted: level(row.predicted), count: row.count }));
  }
  // Gold answers live apart from the adjudications: no figure above can count one.
  const gold = await client.query<{ expert: string; n: number; correct: number; paused: boolean }>(
      `SELECT u.email AS expert, count(*) FILTER (WHERE ga.correct IS NOT NULL)::int AS n, count(*) FILTER (WHERE ga.correct)::int AS correct,
              EXISTS (SELECT 1 FROM expert_standings st WHERE st.expert_id = u.id AND st.paused_at IS NOT NULL
                         AND ($1::uuid IS NULL OR st.dataset_id = $1::uuid)) AS paused
         FROM users u JOIN gold_answers ga ON ga.expert_id = u.id
        WHERE ($1::uuid IS NULL OR ga.dataset_id = $1::uuid)
        GROUP BY u.id, u.email ORDER BY u.email`,
      [datasetId],
  );
  const goldWeeks = await client.query<{ expert: string; week: string; n: number; correct: number }>(
      `SELECT u.email AS expert, date_trunc('week', ga.answered_at)::date::text AS week, count(*)::int AS n, count(*) FILTER (WHERE ga.correct)::int AS correct
         FROM gold_answers ga JOIN users u ON u.id = ga.expert_id
        WHERE ga.correct IS NOT NULL AND ($1::uuid IS NULL OR ga.dataset_id = $1::uuid)
        GROUP BY u.email, date_trunc('week', ga.answered_at)`,
      [datasetId],
  );
  const spans = await client.query<{ thinking: string; first_start: number; second_start: number }>(
      `SELECT s.thinking, a1.span_start AS first_start, a2.span_start AS second_start
         FROM adjudications a1 JOIN adjudications a2 ON a2.sample_id = a1.sample_id AND a2.round = 'second'
         JOIN samples s ON s.id = a1.sample_id
        WHERE a1.round = 'first' AND a1.span_start IS NOT NULL AND a2.span_start IS NOT NULL AND ${scope}`,
      [datasetId],
  );
  return {
    gold: gold.rows.filter((row) => row.n > 0 || row.paused),
    goldWeeks: goldWeeks.rows,
    spanPairs: spans.rows.map((row) => ({ thinking: row.thinking, firstStart: row.first_start, secondStart: row.second_start })),
    evaluation: await readEvaluationCells(client, datasetId),
    votePatterns: patterns.rows,
    expertPatterns: experts.rows.map((row) => ({ ...row, expert: level(row.expert) })),
    expertPairs: pairs.rows.map((row) => ({ first: level(row.first), second: level(row.second), count: row.count })),
    prelabel,
  };
}
