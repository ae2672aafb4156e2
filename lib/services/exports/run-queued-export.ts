import "server-only";
import { can } from "../../auth/permissions";
import { pool } from "../../db/pool";
import { executeExport } from "../../export/export-job";
import { metrics } from "../../metrics/metrics";
import { exportStatus, failUnfinishedExport, queuedExport, startExportRun } from "./export-sql";

/**
 * Runs an export the Export page or the API queued, in the worker, for the admin who asked: their account
 * is checked again now, so an admin disabled or demoted since cannot export through an old job. An export
 * already finished (a retried job whose first try completed) is left alone; one left running by a worker
 * that died starts again from the top.
 */
export async function runQueuedExport(exportId: string): Promise<void> {
  const queued = await queuedExport(pool(), exportId);
  if (!queued || queued.status === "succeeded" || queued.status === "failed") return;
  // No creator: the command line asked, which acts as an admin.
  if (queued.created_by_id !== null && !(queued.active && queued.role && can("export:create", queued.role))) {
    await failUnfinishedExport(pool(), exportId, "the admin who asked for it may no longer export");
    return;
  }
  if (!(await startExportRun(pool(), exportId))) return;
  const { exportDuration, exportRows } = metrics();
  const end = exportDuration.startTimer({ kind: queued.kind });
  try {
    const manifest = await executeExport(exportId);
    end({ outcome: "succeeded" });
    exportRows.inc({ kind: queued.kind }, Object.values(manifest.files).reduce((rows, file) => rows + file.rows, 0));
  } catch (error) {
    end({ outcome: "failed" });
    // The export recorded why it failed, and a retry would fail the same way; unless the failure could not
    // be recorded (the database was away), when the job fails and its retry runs the export again.
    if ((await exportStatus(pool(), exportId)) === "running") throw error;
  }
}
