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
import type { QueuedImportOptions } from "./queue-import";

/**
 * Runs an import the page queued, in the worker, as the admin who queued it: their role is checked again
 * now, so an admin demoted since cannot import through an old job. A run already finished (a retried job
 * whose first try committed) is left alone.
 */
export async function runQueuedImport(runId: string): Promise<void> {
  const { rows } = await pool().query<{ status: string; dataset_name: string; options: QueuedImportOptions; file_name: string; user_id: string | null; email: string | null; role: Actor["role"] | null }>(
    `SELECT r.status::text AS status, r.dataset_name, r.options, r.file_name, u.id AS user_id, u.email, u.role::text AS role
       FROM import_runs r LEFT JOIN users u ON u.id = r.actor_id AND u.disabled_at IS NULL WHERE r.id = $1`,
    [runId],
  );
  const run = rows[0];
  if (!run || run.status === "succeeded" || run.status === "failed") return;
  if (run.status === "running") await pool().query(`UPDATE import_runs SET status = 'queued' WHERE id = $1 AND status = 'running'`, [runId]);
  if (!run.user_id || !run.role) {
    await pool().query(`UPDATE import_runs SET status = 'failed', error = 'the admin who started it no longer has an active account', finished_at = now() WHERE id = $1`, [runId]);
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
    log.info("queued import finished", { runId, dataset: summary.dataset, imported: summary.imported, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected.length, committed: summary.committed });
  } catch (error) {
    // The run records why; a retry of the job would only fail the same way.
    const message = error instanceof UserError ? error.message : "the import failed; see the worker log";
    if (!(error instanceof UserError)) log.error("queued import failed", { runId, error: (error as Error).stack ?? String(error) });
    await pool().query(`UPDATE import_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [runId, message]);
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
