import { IMPORT_QUEUE, type ImportJob } from "../lib/import/import-queue";
import { runQueuedImport } from "../lib/services/import/run-queued-import";
import { runOneJobAtATime, type JobLanes } from "./job-lanes";

/**
 * Runs the imports queued from the import page, one at a time: each is one transaction that streams its
 * file, and two imports of one dataset would only queue behind each other's lock anyway.
 */
export function runImportWorker(): Promise<JobLanes> {
  return runOneJobAtATime<ImportJob>(IMPORT_QUEUE, (job) => runQueuedImport(job.runId));
}
