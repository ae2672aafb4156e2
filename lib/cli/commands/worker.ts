import { parseArgs } from "node:util";
import { loadGuardProfile } from "../../guard/load-guard-profile";
import { log } from "../../log";
import { guardConfig, openGuardBackend } from "../../prelabel/guard-config";
import { runImportWorker } from "../../../workers/import-worker";
import { runPrelabelWorker } from "../../../workers/prelabel-worker";
import { runTokenWorker } from "../../../workers/token-worker";
import { UsageError } from "../cli-error";

const USAGE = "usage: worker [--batch-size N] [--concurrency N] [--profile FILE.json]";

/**
 * Runs the pre-label worker, the imports queued from the import page and the token counts, until
 * SIGINT/SIGTERM, which let the batches (and the import) in hand finish first.
 */
export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { "batch-size": { type: "string" }, concurrency: { type: "string" }, profile: { type: "string" } } });
  const batchSize = positive(values["batch-size"] ?? process.env.GTS_WORKER_BATCH_SIZE ?? "64", "--batch-size");
  const pollers = values.concurrency ?? process.env.GTS_WORKER_CONCURRENCY;
  const concurrency = pollers === undefined || pollers === "" ? undefined : positive(pollers, "--concurrency");
  const config = guardConfig();
  // A bad profile stops the worker here, before it takes a job.
  const profile = await loadGuardProfile(values.profile ?? process.env.GUARD_PROFILE_FILE);
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
  const backend = await openGuardBackend(config, profile);
  worker = await runPrelabelWorker({ backend, batchSize, concurrency });
  const imports = await runImportWorker();
  const tokens = await runTokenWorker();
  log.info("pre-label worker started", {
    backend: config.GUARD_BACKEND,
    model: backend.modelName,
    version: backend.modelVersion,
    ...(backend.profile ? { profile: backend.profile.name, promptSha256: backend.profile.systemPromptSha256, inFlight: backend.inFlight } : {}),
    batchSize,
    pollers: worker.pollers,
  });
  if (stopRequested) void worker.stop();
  await worker.done;
  // The import in hand, if any, finishes (or its job is retried by the next worker).
  await imports.stop();
  await tokens.stop();
  log.info("pre-label worker stopped");
  return 0;
}

function positive(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a positive whole number\n${USAGE}`);
  return value;
}
