import "server-only";
import type pg from "pg";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { exportOptionsSchema, type ExportOptions } from "../../export/export-options";
import { EXPORT_QUEUE, type ExportJob } from "../../export/export-queue";
import { sendInTransaction } from "../../jobs/boss";
import { parseInput } from "../parse-input";
import { datasetIdByName } from "../datasets/dataset-sql";
import { exportRowById, insertExportRow } from "./export-sql";
import { exportView, type ExportView } from "./export-view";

/**
 * Queues an export for the worker and returns at once; poll `getExport` for progress. The row and its job
 * commit together, so no export waits for a job that was never sent.
 */
export async function createExport(actor: Actor | null, body: unknown): Promise<ExportView> {
  assertCan(actor, "export:create");
  const options = parseInput(exportOptionsSchema, body);
  return inTransaction(async (client) => {
    const view = await insertExport(client, actor, options, "queued");
    await sendInTransaction(client, EXPORT_QUEUE, { exportId: view.id } satisfies ExportJob);
    return view;
  });
}

/** Records an export that the caller runs at once, in its own process (the command line, the bench). */
export async function recordRunningExport(actor: Actor, options: ExportOptions): Promise<ExportView> {
  return inTransaction((client) => insertExport(client, actor, options, "running"));
}

async function insertExport(client: pg.PoolClient, actor: Actor, options: ExportOptions, status: "queued" | "running"): Promise<ExportView> {
  if (options.dataset) await datasetIdByName(client, options.dataset);
  const id = await insertExportRow(client, options, status, actor.userId);
  await appendAuditEvent(client, { actor, action: "export.create", entityType: "export", entityId: id, after: options });
  return exportView((await exportRowById(client, id))!);
}
