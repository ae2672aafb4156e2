import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { currentModel } from "../../prelabel/guard-config";
import { insertJobs } from "../../jobs/boss";
import { prelabelQueue, singletonKey } from "../../prelabel/prelabel-queue";
import { datasetScope } from "../datasets/dataset-sql";
import { parseInput } from "../parse-input";
import { unfinishedJobKeys } from "./prelabel-jobs-sql";
import { samplesLackingPrelabel } from "./prelabel-sql";

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
  const datasetId = await datasetScope(pool(), dataset);
  const sampleIds = await samplesLackingPrelabel(pool(), datasetId, model, version);
  const queue = prelabelQueue({ model, version });
  let queued = 0;
  for (let start = 0; start < sampleIds.length; start += CHUNK) {
    const candidates = sampleIds.slice(start, start + CHUNK).map((sampleId) => {
      const data = { sampleId, model, version };
      return { data, singletonKey: singletonKey(data) };
    });
    // Jobs already waiting, retrying or running for a sample are not queued twice.
    const taken = await unfinishedJobKeys(pool(), queue.name, candidates.map((job) => job.singletonKey));
    const jobs = candidates.filter((job) => !taken.has(job.singletonKey));
    if (jobs.length > 0) await insertJobs(queue, jobs);
    queued += jobs.length;
  }
  const client = await pool().connect();
  try {
    await appendAuditEvent(client, { actor, action: "prelabel.run", entityType: "dataset", entityId: datasetId, after: { dataset: dataset ?? null, model, version, queued } });
  } finally {
    client.release();
  }
  return { queued, model, version };
}
