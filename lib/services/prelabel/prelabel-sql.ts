import type { Queryable } from "../../db/pool";
import { riskSqlLabel, type RiskValue } from "../../domain/risk";

// The statements on pre-labels: the evaluation import's matching and writes, the samples a run queues,
// and the panel's coverage. The worker's own write is lib/prelabel/write-prelabels.ts.

/** The dataset's samples with one of these external ids. */
export async function samplesByExternalId(db: Queryable, datasetId: string, externalIds: string[]): Promise<{ id: number; external_id: string }[]> {
  const { rows } = await db.query<{ id: number; external_id: string }>(
    `SELECT id, external_id FROM samples WHERE dataset_id = $1 AND external_id = ANY($2::text[])`,
    [datasetId, externalIds],
  );
  return rows;
}

/** The dataset's samples with one of these match keys (of their question, thinking and answer). */
export async function samplesByMatchKey(db: Queryable, datasetId: string, keys: string[]): Promise<{ id: number; match_key: string; image_name: string | null }[]> {
  const { rows } = await db.query<{ id: number; match_key: string; image_name: string | null }>(
    `SELECT id, match_key, image_name FROM samples WHERE dataset_id = $1 AND match_key = ANY($2::text[])`,
    [datasetId, keys],
  );
  return rows;
}

export type ImportedVerdict = { sampleId: number; judgment: RiskValue; analysis: string | null };

/** Writes imported pre-labels of one model version; returns the samples whose pre-label is new or changed. */
export async function upsertEvaluationPrelabels(db: Queryable, model: { model: string; version: string }, verdicts: ImportedVerdict[]): Promise<number[]> {
  const { rows } = await db.query<{ sample_id: number }>(
    `INSERT INTO prelabels (sample_id, model_name, model_version, judgment, analysis, origin)
     SELECT u.sample_id, $1, $2, u.judgment, u.analysis, 'evaluation'
       FROM unnest($3::int[], $4::risk_level[], $5::text[]) AS u(sample_id, judgment, analysis)
     ON CONFLICT (sample_id, model_name, model_version) DO UPDATE
        SET judgment = EXCLUDED.judgment, analysis = EXCLUDED.analysis, origin = EXCLUDED.origin, prompt_sha256 = NULL,
            prob_safe = NULL, prob_potential = NULL, prob_harmful = NULL, created_at = now()
      WHERE (prelabels.judgment, prelabels.analysis) IS DISTINCT FROM (EXCLUDED.judgment, EXCLUDED.analysis)
     RETURNING sample_id`,
    [model.model, model.version, verdicts.map((row) => row.sampleId), verdicts.map((row) => riskSqlLabel(row.judgment)), verdicts.map((row) => row.analysis)],
  );
  return rows.map((row) => row.sample_id);
}

/** Up to `limit` of the dataset's samples that have no match key yet, with the text it is made from. */
export async function samplesWithoutMatchKey(db: Queryable, datasetId: string, limit: number): Promise<{ id: number; question: string; thinking: string; answer: string }[]> {
  const { rows } = await db.query<{ id: number; question: string; thinking: string; answer: string }>(
    `SELECT id, question, thinking, answer FROM samples WHERE dataset_id = $1 AND match_key IS NULL ORDER BY id LIMIT $2`,
    [datasetId, limit],
  );
  return rows;
}

export async function setMatchKeys(db: Queryable, keys: { id: number; key: string }[]): Promise<void> {
  await db.query(`UPDATE samples SET match_key = u.key FROM unnest($1::int[], $2::text[]) AS u(id, key) WHERE samples.id = u.id`, [
    keys.map((row) => row.id),
    keys.map((row) => row.key),
  ]);
}

/** The samples (of one dataset, or all) without a pre-label from this model version, in id order. */
export async function samplesLackingPrelabel(db: Queryable, datasetId: string | null, model: string, version: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT s.id FROM samples s
      WHERE ($1::uuid IS NULL OR s.dataset_id = $1::uuid)
        AND NOT EXISTS (SELECT 1 FROM prelabels p WHERE p.sample_id = s.id AND p.model_name = $2 AND p.model_version = $3)
      ORDER BY s.id`,
    [datasetId, model, version],
  );
  return rows.map((row) => row.id);
}

export type CoverageRow = { dataset: string; samples: number; model: string | null; version: string | null; labelled: number; prompts: string[]; unprompted: boolean };

/**
 * Per dataset and model version: the samples labelled, the system prompts they were queried with, and
 * whether some were labelled without one. A dataset without pre-labels has one row with a null model.
 */
export async function prelabelCoverage(db: Queryable): Promise<CoverageRow[]> {
  const { rows } = await db.query<CoverageRow>(
    `SELECT d.name AS dataset, (SELECT count(*)::int FROM samples x WHERE x.dataset_id = d.id) AS samples,
            p.model_name AS model, p.model_version AS version, count(DISTINCT p.sample_id)::int AS labelled,
            array_remove(array_agg(DISTINCT p.prompt_sha256), NULL) AS prompts,
            coalesce(bool_or(p.id IS NOT NULL AND p.prompt_sha256 IS NULL), false) AS unprompted
       FROM datasets d
       LEFT JOIN samples s ON s.dataset_id = d.id
       LEFT JOIN prelabels p ON p.sample_id = s.id
      GROUP BY d.id, d.name, p.model_name, p.model_version
      ORDER BY d.name, p.model_name NULLS LAST, p.model_version`,
  );
  return rows;
}

/** The worker's pre-labels written in the last minute and the last ten. */
export async function recentWorkerPrelabels(db: Queryable): Promise<{ minute: number; ten: number }> {
  const { rows } = await db.query<{ minute: number; ten: number }>(
    `SELECT count(*) FILTER (WHERE created_at > now() - interval '1 minute')::int AS minute,
            count(*) FILTER (WHERE created_at > now() - interval '10 minutes')::int AS ten
       FROM prelabels WHERE origin = 'worker' AND created_at > now() - interval '10 minutes'`,
  );
  return rows[0]!;
}

export type ProfileRow = { sha: string; name: string; system_prompt: string; completion_template: string };

/** The guard profiles recorded with these system-prompt hashes. */
export async function profilesByPrompt(db: Queryable, hashes: string[]): Promise<ProfileRow[]> {
  const { rows } = await db.query<ProfileRow>(
    `SELECT system_prompt_sha256 AS sha, name, system_prompt, completion_template FROM guard_profiles WHERE system_prompt_sha256 = ANY($1::text[])`,
    [hashes],
  );
  return rows;
}
