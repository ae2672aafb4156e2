import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { NotFoundError } from "../../errors";
import { currentModel } from "../../prelabel/guard-config";
import { PGBOSS_SCHEMA } from "../../jobs/boss";
import { openPrelabelQueue, singletonKey } from "../../prelabel/prelabel-queue";
import { parseInput } from "../parse-input";

export const prelabelRunSchema = z.strictObject({
  dataset: z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().min(1).max(200).optional()),
});

const CHUNK = 1000;

/**
 * Queues a pre-label job for every sample (of a dataset, or all) that lacks a pre-label from the current
 * model version. Idempotent: the queue holds at most one waiting job per sample and model version, and
 * labelled samples are not queued again.
 */
export async function queuePrelabelRun(actor: Actor | null, body: unknown): Promise<{ queued: number; model: string; version: string }> {
  assertCan(actor, "prelabel:queue");
  const { dataset } = parseInput(prelabelRunSchema, body);
  const { model, version } = await currentModel();
  let datasetId: string | null = null;
  if (dataset) {
    const { rows } = await pool().query<{ id: string }>(`SELECT id FROM datasets WHERE name = $1`, [dataset]);
    if (!rows[0]) throw new NotFoundError(`no dataset named ${dataset}`);
    datasetId = rows[0].id;
  }
  const { rows } = await pool().query<{ id: number }>(
    `SELECT s.id FROM samples s
      WHERE ($1::uuid IS NULL OR s.dataset_id = $1::uuid)
        AND NOT EXISTS (SELECT 1 FROM prelabels p WHERE p.sample_id = s.id AND p.model_name = $2 AND p.model_version = $3)
      ORDER BY s.id`,
    [datasetId, model, version],
  );
  const { boss, queue } = await openPrelabelQueue({ model, version });
  let queued = 0;
  try {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const candidates = rows.slice(start, start + CHUNK).map((row) => {
        const data = { sampleId: row.id, model, version };
        return { name: queue, data, singletonKey: singletonKey(data) };
      });
      // Jobs already waiting, retrying or running for a sample are not queued twice.
      const { rows: waiting } = await pool().query<{ key: string }>(
        `SELECT singleton_key AS key FROM ${PGBOSS_SCHEMA}.job WHERE name = $1 AND singleton_key = ANY($2::text[]) AND state < 'completed'`,
        [queue, candidates.map((job) => job.singletonKey)],
      );
      const taken = new Set(waiting.map((row) => row.key));
      const jobs = candidates.filter((job) => !taken.has(job.singletonKey));
      if (jobs.length > 0) await boss.insert(jobs);
      queued += jobs.length;
    }
  } finally {
    await boss.stop({ graceful: false, wait: false });
  }
  const client = await pool().connect();
  try {
    await appendAuditEvent(client, { actor, action: "prelabel.run", entityType: "dataset", entityId: datasetId, after: { dataset: dataset ?? null, model, version, queued } });
  } finally {
    client.release();
  }
  return { queued, model, version };
}
