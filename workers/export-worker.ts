import { EXPORT_QUEUE, type ExportJob } from "../lib/export/export-queue";
import { runQueuedExport } from "../lib/services/exports/run-queued-export";
import { runOneJobAtATime, type JobLanes } from "./job-lanes";

/**
 * Runs the exports queued from the Export page and the API, one at a time: each streams one snapshot of
 * the store into a zip and keeps a core busy while it does, here and not in the web process.
 */
export function runExportWorker(): Promise<JobLanes> {
  return runOneJobAtATime<ExportJob>(EXPORT_QUEUE, (job) => runQueuedExport(job.exportId));
}
