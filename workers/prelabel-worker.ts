import type PgBoss from "pg-boss";
import { pool } from "../lib/db/pool";
import type { GuardBackend, GuardImage, GuardPrediction } from "../lib/guard/backends/guard-backend";
import { recordGuardProfile } from "../lib/guard/record-guard-profile";
import { readImage } from "../lib/images/image-store";
import { log } from "../lib/log";
import { openPrelabelQueue, type PrelabelFailure, type PrelabelJob } from "../lib/prelabel/prelabel-queue";
import { samplesToLabel, type SampleToLabel } from "../lib/prelabel/samples-to-label";
import { writePrelabels } from "../lib/prelabel/write-prelabels";
import { runJobLanes, type BatchFailures } from "./job-lanes";
import { metrics } from "../lib/metrics/metrics";

export type WorkerOptions = { backend: GuardBackend; batchSize: number; concurrency?: number; pollingSeconds?: number };
export type RunningWorker = { stop: () => Promise<void>; done: Promise<void>; pollers: number };

/**
 * Pollers to run by default: one for a backend that works through one batch at a time; for one that keeps
 * requests in flight, enough that twice its in-flight limit is in hand, so that while one batch is written
 * and the next fetched, the others keep the serving engine busy.
 */
export function defaultPollers(backend: GuardBackend, batchSize: number): number {
  return backend.inFlight === null ? 1 : Math.max(2, Math.ceil((2 * backend.inFlight) / batchSize));
}

/**
 * Takes the jobs of its model version's queue in batches (each poller fetches up to `batchSize`), runs
 * the guard and writes the batch's pre-labels in one transaction before the jobs complete. A sample the
 * guard fails on (a reply the parser refuses, a request the server refuses) fails its own job only,
 * keeping the error and the start of the reply for the Pre-labels page; it is retried and then
 * dead-lettered by the queue, while the rest of the batch is written. `stop()` lets the batches in hand
 * finish, then returns.
 */
export async function runPrelabelWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { backend } = options;
  const { boss, queue } = await openPrelabelQueue({ model: backend.modelName, version: backend.modelVersion });
  if (backend.profile) await recordGuardProfile(pool(), backend.profile);
  const model = { name: backend.modelName, version: backend.modelVersion, promptSha256: backend.profile?.systemPromptSha256 ?? null };
  let labelled = 0;
  let failed = 0;
  const started = Date.now();
  const handle = async (jobs: PgBoss.Job<PrelabelJob>[]): Promise<BatchFailures> => {
    const rows = await samplesToLabel(pool(), [...new Set(jobs.map((job) => job.data.sampleId))], model);
    const inputs = await Promise.all(rows.map(async (row) => ({ task: { question: row.question, thinking: row.thinking, answer: row.answer }, image: await imageOf(row) })));
    const outcomes = await backend.predict(inputs);
    const written: { sampleId: number; prediction: GuardPrediction }[] = [];
    const refused: PrelabelFailure[] = [];
    rows.forEach((row, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) written.push({ sampleId: row.id, prediction: outcome.prediction });
      else refused.push({ message: outcome.error, raw: outcome.raw, sampleId: row.id });
    });
    const client = await pool().connect();
    try {
      await writePrelabels(client, model, written);
    } finally {
      client.release();
    }
    labelled += written.length;
    failed += refused.length;
    metrics().prelabelsWritten.inc(written.length);
    metrics().prelabelFailures.inc(refused.length);
    const elapsed = (Date.now() - started) / 1000;
    log.info("pre-label batch written", { jobs: jobs.length, written: written.length, failed: refused.length, total: labelled, totalFailed: failed, perSecond: Number((labelled / Math.max(elapsed, 0.001)).toFixed(1)) });
    return refused.flatMap((failure) => jobs.filter((job) => job.data.sampleId === failure.sampleId).map((job) => ({ jobId: job.id, output: failure })));
  };
  const pollers = options.concurrency ?? defaultPollers(backend, options.batchSize);
  const lanes = runJobLanes<PrelabelJob>(boss, queue, { lanes: pollers, batchSize: options.batchSize, pollingMs: (options.pollingSeconds ?? 0.5) * 1000, handle });
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  return {
    done,
    pollers,
    stop: async () => {
      await lanes.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
      await backend.close();
      resolveDone();
    },
  };
}

/** A sample's image, or why its file could not be read (the backend decides what that means). */
async function imageOf(row: SampleToLabel): Promise<GuardImage | null> {
  if (!row.image_sha256) return null;
  const bytes = await readImage(row.image_sha256);
  if (!bytes || !row.mime) return { status: "unreadable", reason: `image ${row.image_sha256.slice(0, 12)}… is missing from the image store` };
  return { status: "ok", bytes, mime: row.mime };
}
