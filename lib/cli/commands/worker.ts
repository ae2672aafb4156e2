import { parseArgs } from "node:util";
import { loadGuardProfile } from "../../guard/load-guard-profile";
import { lowerCpuPriority } from "../../jobs/cpu-priority";
import { log } from "../../log";
import { guardConfig, openGuardBackend } from "../../prelabel/guard-config";
import { runExportWorker } from "../../../workers/export-worker";
import { runImportWorker } from "../../../workers/import-worker";
import type { JobLanes } from "../../../workers/job-lanes";
import { runPrelabelWorker } from "../../../workers/prelabel-worker";
import { runTokenWorker } from "../../../workers/token-worker";
import { serveWorkerMetrics } from "../../../workers/metrics-server";
import { UsageError } from "../cli-error";

/** The worker's queues, all taken by default: pre-labels, queued imports and exports, token counts. */
export const WORKER_QUEUES = ["prelabel", "import", "export", "tokens"] as const;
type WorkerQueue = (typeof WORKER_QUEUES)[number];

const USAGE = `usage: worker [--queues ${WORKER_QUEUES.join(",")}] [--batch-size N] [--concurrency N] [--profile FILE.json]`;

/**
 * Runs the background jobs until SIGINT/SIGTERM, which let the batches, the import and the export in hand
 * finish first. `--queues` (or GTS_WORKER_QUEUES) narrows it to some of them, for example to give exports
 * a machine of their own.
 */
export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { queues: { type: "string" }, "batch-size": { type: "string" }, concurrency: { type: "string" }, profile: { type: "string" } },
  });
  const queues = parseQueues(values.queues ?? process.env.GTS_WORKER_QUEUES);
  const batchSize = positive(values["batch-size"] ?? process.env.GTS_WORKER_BATCH_SIZE ?? "64", "--batch-size");
  const pollers = values.concurrency ?? process.env.GTS_WORKER_CONCURRENCY;
  const concurrency = pollers === undefined || pollers === "" ? undefined : positive(pollers, "--concurrency");
  const nice = process.env.GTS_WORKER_NICE === undefined || process.env.GTS_WORKER_NICE === "" ? 19 : niceness(process.env.GTS_WORKER_NICE);
  lowerCpuPriority(nice);
  // Signals are taken from the start: one that arrives while the worker starts stops it once it runs.
  const stopSignal = new Promise<string>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  const running: JobLanes[] = [];
  let prelabel: Record<string, unknown> = {};
  if (queues.has("prelabel")) {
    const config = guardConfig();
    // A bad profile stops the worker here, before it takes a job.
    const profile = await loadGuardProfile(values.profile ?? process.env.GUARD_PROFILE_FILE);
    const backend = await openGuardBackend(config, profile);
    const worker = await runPrelabelWorker({ backend, batchSize, concurrency });
    running.push(worker);
    prelabel = {
      backend: config.GUARD_BACKEND,
      model: backend.modelName,
      version: backend.modelVersion,
      ...(backend.profile ? { profile: backend.profile.name, promptSha256: backend.profile.systemPromptSha256, inFlight: backend.inFlight } : {}),
      batchSize,
      pollers: worker.pollers,
    };
  }
  if (queues.has("import")) running.push(await runImportWorker());
  if (queues.has("export")) running.push(await runExportWorker());
  if (queues.has("tokens")) running.push(await runTokenWorker());
  const metricsPort = process.env.GTS_WORKER_METRICS_PORT;
  const metricsServer = metricsPort ? await serveWorkerMetrics(positive(metricsPort, "GTS_WORKER_METRICS_PORT"), process.env.GTS_WORKER_METRICS_HOST || "127.0.0.1") : null;
  log.info("worker started", { queues: [...queues], ...prelabel });
  log.info(`${await stopSignal}: finishing the jobs in hand`);
  await Promise.all([...running.map((worker) => worker.stop()), metricsServer?.close()]);
  log.info("worker stopped");
  return 0;
}

function parseQueues(text: string | undefined): Set<WorkerQueue> {
  if (text === undefined || text.trim() === "") return new Set(WORKER_QUEUES);
  const names = text.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !(WORKER_QUEUES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) throw new UsageError(`--queues: unknown queue ${unknown.map((name) => `'${name}'`).join(", ")}\n${USAGE}`);
  return new Set(names as WorkerQueue[]);
}

function niceness(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 19) throw new UsageError(`GTS_WORKER_NICE must be a whole number from 0 to 19\n${USAGE}`);
  return value;
}

function positive(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a positive whole number\n${USAGE}`);
  return value;
}
