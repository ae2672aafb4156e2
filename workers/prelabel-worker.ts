import type PgBoss from "pg-boss";
import { pool } from "../lib/db/pool";
import type { GuardBackend } from "../lib/guard/backends/guard-backend";
import { readImage } from "../lib/images/image-store";
import { log } from "../lib/log";
import { openPrelabelQueue, PRELABEL_QUEUE, type PrelabelJob } from "../lib/prelabel/prelabel-queue";
import { writePrelabels } from "../lib/prelabel/write-prelabels";

export type WorkerOptions = { backend: GuardBackend; batchSize: number; concurrency: number; pollingSeconds?: number };
export type RunningWorker = { stop: () => Promise<void>; done: Promise<void> };

/**
 * Takes pre-label jobs in batches (each of `concurrency` pollers fetches up to `batchSize`), runs the
 * guard and writes each batch's pre-labels in one transaction before the jobs complete. `stop()` lets
 * the batches in hand finish, then returns.
 */
export async function runPrelabelWorker(options: WorkerOptions): Promise<RunningWorker> {
  const boss = await openPrelabelQueue();
  const { backend } = options;
  let labelled = 0;
  const started = Date.now();
  const handler = async (jobs: PgBoss.Job<PrelabelJob>[]) => {
    const foreign = jobs.filter((job) => job.data.model !== backend.modelName || job.data.version !== backend.modelVersion);
    if (foreign.length > 0) {
      throw new Error(`this worker runs ${backend.modelName} ${backend.modelVersion}; job ${foreign[0]!.id} is for ${foreign[0]!.data.model} ${foreign[0]!.data.version}`);
    }
    const ids = [...new Set(jobs.map((job) => job.data.sampleId))];
    const { rows } = await pool().query<{ id: number; question: string; thinking: string; answer: string; image_sha256: string | null; mime: string | null }>(
      `SELECT s.id, s.question, s.thinking, s.answer, s.image_sha256, i.mime
         FROM samples s LEFT JOIN images i ON i.sha256 = s.image_sha256
        WHERE s.id = ANY($1::int[])
          AND NOT EXISTS (SELECT 1 FROM prelabels p WHERE p.sample_id = s.id AND p.model_name = $2 AND p.model_version = $3)`,
      [ids, backend.modelName, backend.modelVersion],
    );
    // Samples deleted since, or labelled by another worker meanwhile, need nothing.
    const inputs = await Promise.all(
      rows.map(async (row) => {
        const bytes = row.image_sha256 ? await readImage(row.image_sha256) : null;
        return { task: { question: row.question, thinking: row.thinking, answer: row.answer }, image: bytes && row.mime ? { bytes, mime: row.mime } : null };
      }),
    );
    const predictions = await backend.predict(inputs);
    const client = await pool().connect();
    try {
      await writePrelabels(client, { name: backend.modelName, version: backend.modelVersion }, rows.map((row, index) => ({ sampleId: row.id, prediction: predictions[index]! })));
    } finally {
      client.release();
    }
    labelled += rows.length;
    const elapsed = (Date.now() - started) / 1000;
    log.info("pre-label batch written", { jobs: jobs.length, written: rows.length, total: labelled, perSecond: Number((labelled / Math.max(elapsed, 0.001)).toFixed(1)) });
  };
  for (let lane = 0; lane < options.concurrency; lane += 1) {
    await boss.work<PrelabelJob>(PRELABEL_QUEUE, { batchSize: options.batchSize, pollingIntervalSeconds: options.pollingSeconds ?? 0.5 }, handler);
  }
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  return {
    done,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
      await backend.close();
      resolveDone();
    },
  };
}
