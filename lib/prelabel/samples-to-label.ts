import type { Queryable } from "../db/pool";

export type SampleToLabel = { id: number; question: string; thinking: string; answer: string; image_sha256: string | null; mime: string | null };

/**
 * Of the jobs' samples, those still without a pre-label from this model version, with what the guard
 * reads: a sample deleted since, or labelled by another worker meanwhile, needs nothing.
 */
export async function samplesToLabel(db: Queryable, ids: number[], model: { name: string; version: string }): Promise<SampleToLabel[]> {
  const { rows } = await db.query<SampleToLabel>(
    `SELECT s.id, s.question, s.thinking, s.answer, s.image_sha256, i.mime
       FROM samples s LEFT JOIN images i ON i.sha256 = s.image_sha256
      WHERE s.id = ANY($1::int[])
        AND NOT EXISTS (SELECT 1 FROM prelabels p WHERE p.sample_id = s.id AND p.model_name = $2 AND p.model_version = $3)`,
    [ids, model.name, model.version],
  );
  return rows;
}
