import { openImportQueue, IMPORT_QUEUE, type ImportJob } from "../lib/import/import-queue";
import { runQueuedImport } from "../lib/services/import/run-queued-import";
import { runJobLanes } from "./job-lanes";

/**
 * Runs the imports queued from the import page, one at a time: each is one transaction that streams its
 * file, and two imports of one dataset would only queue behind each other's lock anyway.
 */
export async function runImportWorker(): Promise<{ stop: () => Promise<void> }> {
  const boss = await openImportQueue();
  const lanes = runJobLanes<ImportJob>(boss, IMPORT_QUEUE, {
    lanes: 1,
    batchSize: 1,
    pollingMs: 1000,
    handle: async (jobs) => {
      for (const job of jobs) await runQueuedImport(job.data.runId);
      return [];
    },
  });
  return {
    stop: async () => {
      await lanes.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
    },
  };
}
