import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { NotFoundError } from "../../errors";
import { exportOptionsSchema, type ExportOptions } from "../../export/export-options";
import { startExportRunner } from "../../export/export-runner";
import { parseInput } from "../parse-input";
import { exportView, EXPORT_VIEW_SQL, type ExportRow, type ExportView } from "./export-view";

/** Queues an export for the background runner and returns at once; poll `getExport` for progress. */
export async function createExport(actor: Actor | null, body: unknown): Promise<ExportView> {
  assertCan(actor, "export:create");
  const options = parseInput(exportOptionsSchema, body);
  const view = await recordExport(actor, options, "queued");
  startExportRunner().wake();
  return view;
}

/** Records an export (queued for the runner, or running for a command-line export done in process). */
export async function recordExport(actor: Actor, options: ExportOptions, status: "queued" | "running"): Promise<ExportView> {
  return inTransaction(async (client) => {
    if (options.dataset) {
      const found = await client.query(`SELECT 1 FROM datasets WHERE name = $1`, [options.dataset]);
      if (!found.rowCount) throw new NotFoundError(`no dataset named ${options.dataset}`);
    }
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO exports (kind, format, filters, split, status, created_by_id, started_at)
       VALUES ($1, $2, $3, $4, $5::run_status, $6, CASE WHEN $5::run_status = 'running' THEN now() END) RETURNING id`,
      [options.kind, options.format, JSON.stringify(options), options.split ?? null, status, actor.userId],
    );
    const id = rows[0]!.id;
    await appendAuditEvent(client, { actor, action: "export.create", entityType: "export", entityId: id, after: options });
    const created = await client.query<ExportRow>(`${EXPORT_VIEW_SQL} WHERE e.id = $1`, [id]);
    return exportView(created.rows[0]!);
  });
}
