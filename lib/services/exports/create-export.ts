import "server-only";
import type pg from "pg";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { NotFoundError } from "../../errors";
import { exportOptionsSchema, type ExportOptions } from "../../export/export-options";
import { EXPORT_QUEUE, openExportQueue, type ExportJob } from "../../export/export-queue";
import { parseInput } from "../parse-input";
import { exportView, EXPORT_VIEW_SQL, type ExportRow, type ExportView } from "./export-view";

/**
 * Queues an export for the worker and returns at once; poll `getExport` for progress. The row and its job
 * commit together, so no export waits for a job that was never sent.
 */
export async function createExport(actor: Actor | null, body: unknown): Promise<ExportView> {
  assertCan(actor, "export:create");
  const options = parseInput(exportOptionsSchema, body);
  const boss = await openExportQueue();
  try {
    return await inTransaction(async (client) => {
      const view = await insertExport(client, actor, options, "queued");
      const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
      await boss.send(EXPORT_QUEUE, { exportId: view.id } satisfies ExportJob, { db });
      return view;
    });
  } finally {
    await boss.stop({ graceful: false, wait: false });
  }
}

/** Records an export that the caller runs at once, in its own process (the command line, the bench). */
export async function recordRunningExport(actor: Actor, options: ExportOptions): Promise<ExportView> {
  return inTransaction((client) => insertExport(client, actor, options, "running"));
}

async function insertExport(client: pg.PoolClient, actor: Actor, options: ExportOptions, status: "queued" | "running"): Promise<ExportView> {
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
}
