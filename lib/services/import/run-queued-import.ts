import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { UserError } from "../../errors";
import { importLayoutSchema } from "../../import/import-layout-schema";
import { log } from "../../log";
import { uploadsDir } from "./import-input";
import { importSamples } from "./import-samples";
import { failUnfinishedRun, queuedRun, requeueRunningRun } from "./import-sql";
import type { QueuedImportOptions } from "./queue-import";
import { metrics } from "../../metrics/metrics";

/**
 * Runs an import the page queued, in the worker, as the admin who queued it: their role is checked again
 * now, so an admin demoted since cannot import through an old job. A run already finished (a retried job
 * whose first try committed) is left alone.
 */
export async function runQueuedImport(runId: string): Promise<void> {
  const run = await queuedRun<QueuedImportOptions>(pool(), runId);
  if (!run || run.status === "succeeded" || run.status === "failed") return;
  if (run.status === "running") await requeueRunningRun(pool(), runId);
  if (!run.user_id || !run.role) {
    await failUnfinishedRun(pool(), runId, "the admin who started it no longer has an active account");
    return;
  }
  const actor: Actor = { userId: run.user_id, email: run.email!, role: run.role, via: "session" };
  try {
    const summary = await importSamples({
      actor,
      file: run.options.file,
      dataset: run.dataset_name,
      skipInvalid: run.options.skipInvalid,
      layout: importLayoutSchema.parse({ ...run.options.layout, map: pairs(run.options.layout.map), set: pairs(run.options.layout.set) }),
      imageDir: run.options.imageDir ?? undefined,
      runId,
      rejectsFile: run.options.rejectsFile,
      displayName: run.file_name,
    });
    const { importRows } = metrics();
    for (const [outcome, count] of [["imported", summary.imported], ["updated", summary.updated], ["unchanged", summary.unchanged], ["rejected", summary.rejected.length]] as const) importRows.inc({ outcome }, count);
    log.info("queued import finished", { runId, dataset: summary.dataset, imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected.length, committed: summary.committed });
  } catch (error) {
    // The run records why; a retry of the job would only fail the same way.
    const message = error instanceof UserError ? error.message : "the import failed; see the worker log";
    if (!(error instanceof UserError)) log.error("queued import failed", { runId, error: (error as Error).stack ?? String(error) });
    await failUnfinishedRun(pool(), runId, message);
  }
  await removeUpload(run.options.file);
}

/** An uploaded file is kept only until its import has run; files under GTS_IMPORT_DIR are the admin's own. */
async function removeUpload(file: string) {
  const relative = path.relative(uploadsDir(), file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return;
  await Promise.all([fs.rm(file, { force: true }), fs.rm(`${file}.json`, { force: true })]);
}

const pairs = (record: Record<string, string>) => Object.entries(record).map(([left, right]) => `${left}=${right}`);
