import type pg from "pg";
import { riskSqlLabel } from "../domain/risk";
import type { GuardPrediction } from "../guard/backends/guard-backend";
import { syncFirstOpinionQueue } from "../queue/sync-queue";

/**
 * Writes one batch of pre-labels in one transaction, each with the hash of the prompt it was produced with. The unique key (sample, model, version) makes a
 * retried or duplicated job a no-op; the queue is re-prioritised, since a pre-label that disputes the
 * majority moves a split forward.
 */
export async function writePrelabels(
  client: pg.PoolClient,
  model: { name: string; version: string; promptSha256: string | null },
  results: { sampleId: number; prediction: GuardPrediction }[],
): Promise<number> {
  if (results.length === 0) return 0;
  await client.query("BEGIN");
  try {
    const { rowCount } = await client.query(
      `INSERT INTO prelabels (sample_id, model_name, model_version, prompt_sha256, judgment, prob_safe, prob_potential, prob_harmful, analysis, origin)
       SELECT u.sample_id, $1, $2, $9, u.judgment, u.p0, u.p05, u.p1, u.analysis, 'worker'
         FROM unnest($3::int[], $4::risk_level[], $5::float8[], $6::float8[], $7::float8[], $8::text[])
              AS u(sample_id, judgment, p0, p05, p1, analysis)
       ON CONFLICT (sample_id, model_name, model_version) DO NOTHING`,
      [
        model.name,
        model.version,
        results.map((result) => result.sampleId),
        results.map((result) => riskSqlLabel(result.prediction.judgment)),
        results.map((result) => result.prediction.probabilities?.[0] ?? null),
        results.map((result) => result.prediction.probabilities?.[1] ?? null),
        results.map((result) => result.prediction.probabilities?.[2] ?? null),
        results.map((result) => result.prediction.analysis),
        model.promptSha256,
      ],
    );
    await syncFirstOpinionQueue(client, results.map((result) => result.sampleId));
    await client.query("COMMIT");
    return rowCount ?? 0;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
