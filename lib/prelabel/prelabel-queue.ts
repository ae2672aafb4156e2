import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import { openQueue, seconds, type JobQueue } from "../jobs/boss";

export const PRELABEL_DEAD_LETTER = "prelabel_dead";
/** Matches every model version's queue (and not the dead-letter queue) in `pgboss.job.name`. */
export const PRELABEL_QUEUES_LIKE = "prelabel-%";

export type ModelVersion = { model: string; version: string };
export type PrelabelJob = { sampleId: number } & ModelVersion;
/** What a job that failed on its own sample keeps as its output: the error and the start of the reply. */
export type PrelabelFailure = { message: string; raw: string | null; sampleId: number };

/**
 * Each model version has its own queue, so a worker fetches only the jobs of the model it runs: the CPU
 * worker beside the app never takes, and fails, the jobs queued for a served GuardTrace-VL checkpoint.
 */
export function prelabelQueueName(target: ModelVersion): string {
  return `prelabel-${createHash("sha256").update(`${target.model}\u0000${target.version}`).digest("hex").slice(0, 20)}`;
}

/**
 * The queue of one model version and the shared dead-letter queue. Jobs that run past
 * `GTS_PRELABEL_EXPIRE_SECONDS` are retried; after `GTS_PRELABEL_RETRIES` they move to the dead-letter
 * queue, where the worker panel shows their error.
 */
export function prelabelQueue(target: ModelVersion): JobQueue {
  const name = prelabelQueueName(target);
  return {
    name,
    queues: [
      { name: PRELABEL_DEAD_LETTER, policy: "standard" },
      {
        name,
        // At most one waiting, one retrying and one running job per sample and model version.
        policy: "stately",
        retryLimit: seconds("GTS_PRELABEL_RETRIES", 3),
        retryDelay: seconds("GTS_PRELABEL_RETRY_DELAY_SECONDS", 5),
        retryBackoff: true,
        expireInSeconds: seconds("GTS_PRELABEL_EXPIRE_SECONDS", 300),
        deadLetter: PRELABEL_DEAD_LETTER,
      },
    ],
  };
}

/** A started pg-boss with the model version's queues (created on first use), for its worker. */
export async function openPrelabelQueue(target: ModelVersion): Promise<{ boss: PgBoss; queue: string }> {
  const queue = prelabelQueue(target);
  return { boss: await openQueue(queue), queue: queue.name };
}

export function singletonKey(job: PrelabelJob): string {
  return `${job.sampleId}:${job.model}:${job.version}`;
}
