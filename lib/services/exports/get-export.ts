import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { NotFoundError, ValidationError } from "../../errors";
import { exportRowById, recentExportRows, type ExportRow } from "./export-sql";
import { exportView, type ExportView } from "./export-view";

export const exportIdSchema = z.uuid();

async function exportRow(actor: Actor | null, rawId: unknown): Promise<ExportRow> {
  assertCan(actor, "export:read");
  const id = exportIdSchema.safeParse(rawId);
  if (!id.success) throw new ValidationError({ id: ["must be an export id (a UUID)"] });
  const row = await exportRowById(pool(), id.data);
  if (!row) throw new NotFoundError("no such export");
  return row;
}

export async function getExport(actor: Actor | null, rawId: unknown): Promise<ExportView> {
  return exportView(await exportRow(actor, rawId));
}

export async function listExports(actor: Actor | null): Promise<ExportView[]> {
  assertCan(actor, "export:read");
  return (await recentExportRows(pool())).map(exportView);
}

/** The finished bundle's path, for the download route. */
export async function exportFile(actor: Actor | null, rawId: unknown): Promise<{ path: string; name: string }> {
  const row = await exportRow(actor, rawId);
  if (row.status !== "succeeded" || !row.file_path) throw new NotFoundError("this export has no bundle to download (yet)");
  return { path: row.file_path, name: `guardtrace-${row.kind}-${row.format}-${row.created_at.toISOString().slice(0, 10)}-${row.id.slice(0, 8)}.zip` };
}
