import "server-only";
import { can } from "../../auth/permissions";
import type { Role } from "../../generated/prisma";
import { pool } from "../../db/pool";
import { executeExport } from "../../export/export-job";

/**
 * Runs an export the Export page or the API queued, in the worker, for the admin who asked: their account
 * is checked again now, so an admin disabled or demoted since cannot export through an old job. An export
 * already finished (a retried job whose first try completed) is left alone; one left running by a worker
 * that died starts again from the top.
 */
export async function runQueuedExport(exportId: string): Promise<void> {
  const { rows } = await pool().query<{ status: string; created_by_id: string | null; role: Role | null; active: boolean }>(
    `SELECT e.status::text AS status, e.created_by_id, u.role, u.disabled_at IS NULL AS active
       FROM exports e LEFT JOIN users u ON u.id = e.created_by_id WHERE e.id = $1`,
    [exportId],
  );
  const queued = rows[0];
  if (!queued || queued.status === "succeeded" || queued.status === "failed") return;
  // No creator: the command line asked, which acts as an admin.
  if (queued.created_by_id !== null && !(queued.active && queued.role && can("export:create", queued.role))) {
    await pool().query(
      `UPDATE exports SET status = 'failed', error = 'the admin who asked for it may no longer export', finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`,
      [exportId],
    );
    return;
  }
  const started = await pool().query(
    `UPDATE exports SET status = 'running', started_at = coalesce(started_at, now()), rows_written = 0 WHERE id = $1 AND status IN ('queued', 'running')`,
    [exportId],
  );
  if (!started.rowCount) return;
  try {
    await executeExport(exportId);
  } catch (error) {
    // The export recorded why it failed, and a retry would fail the same way; unless the failure could not
    // be recorded (the database was away), when the job fails and its retry runs the export again.
    const { rows: after } = await pool().query<{ status: string }>(`SELECT status::text AS status FROM exports WHERE id = $1`, [exportId]);
    if (after[0]?.status === "running") throw error;
  }
}
