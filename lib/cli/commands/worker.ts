import { parseArgs } from "node:util";
import { log } from "../../log";
import { guardConfig, openGuardBackend } from "../../prelabel/guard-config";
import { runPrelabelWorker } from "../../../workers/prelabel-worker";

/** Runs the pre-label worker until SIGINT/SIGTERM, which let the batches in hand finish first. */
export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { "batch-size": { type: "string" }, concurrency: { type: "string" } } });
  const batchSize = Number(values["batch-size"] ?? process.env.GTS_WORKER_BATCH_SIZE ?? 64);
  const concurrency = Number(values.concurrency ?? process.env.GTS_WORKER_CONCURRENCY ?? 1);
  const config = guardConfig();
  // Signals are taken from the start: one that arrives while the worker starts stops it once it runs.
  let stopRequested = false;
  let worker: Awaited<ReturnType<typeof runPrelabelWorker>> | null = null;
  const stop = (signal: string) => {
    log.info(`${signal}: finishing the batches in hand`);
    stopRequested = true;
    void worker?.stop();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  const backend = await openGuardBackend(config);
  worker = await runPrelabelWorker({ backend, batchSize, concurrency });
  log.info("pre-label worker started", { backend: config.GUARD_BACKEND, model: backend.modelName, version: backend.modelVersion, batchSize, concurrency });
  if (stopRequested) void worker.stop();
  await worker.done;
  log.info("pre-label worker stopped");
  return 0;
}
