import type { Queryable } from "../../db/pool";
import type { ExportOptions } from "../../export/export-options";
import type { Role } from "../../generated/prisma";
import type { ExportView, StoredManifest } from "./export-view";

// The statements of the exports area: the export rows the pages and the worker read and write. The bundle
// itself is read by lib/export (read-examples.ts), which streams it with COPY.

const EXPORT_VIEW_SQL = `
  SELECT e.id, e.kind::text AS kind, e.format::text AS format, e.status::text AS status, e.filters, e.rows_written, e.rows_total,
         e.error, e.manifest, u.email AS created_by, e.created_at, e.finished_at, e.file_path
    FROM exports e LEFT JOIN users u ON u.id = e.created_by_id`;

export type ExportRow = {
  id: string;
  kind: string;
  format: string;
  status: ExportView["status"];
  filters: Record<string, unknown>;
  rows_written: number;
  rows_total: number | null;
  error: string | null;
  manifest: StoredManifest | null;
  created_by: string | null;
  created_at: Date;
  finished_at: Date | null;
  file_path: string | null;
};

export async function exportRowById(db: Queryable, id: string): Promise<ExportRow | null> {
  const { rows } = await db.query<ExportRow>(`${EXPORT_VIEW_SQL} WHERE e.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function recentExportRows(db: Queryable): Promise<ExportRow[]> {
  const { rows } = await db.query<ExportRow>(`${EXPORT_VIEW_SQL} ORDER BY e.created_at DESC LIMIT 100`);
  return rows;
}

/** A new export's row: `queued` for the worker, or `running` for a caller that runs it at once. */
export async function insertExportRow(db: Queryable, options: ExportOptions, status: "queued" | "running", createdById: string | null): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO exports (kind, format, filters, split, status, created_by_id, started_at)
     VALUES ($1, $2, $3, $4, $5::run_status, $6, CASE WHEN $5::run_status = 'running' THEN now() END) RETURNING id`,
    [options.kind, options.format, JSON.stringify(options), options.split ?? null, status, createdById],
  );
  return rows[0]!.id;
}

export type QueuedExport = { status: string; kind: string; created_by_id: string | null; role: Role | null; active: boolean };

/** A queued export's state and its creator's account as it is now. */
export async function queuedExport(db: Queryable, id: string): Promise<QueuedExport | null> {
  const { rows } = await db.query<QueuedExport>(
    `SELECT e.status::text AS status, e.kind::text AS kind, e.created_by_id, u.role, u.disabled_at IS NULL AS active
       FROM exports e LEFT JOIN users u ON u.id = e.created_by_id WHERE e.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Fails an export that has not finished; one that has is left as it ended. */
export async function failUnfinishedExport(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(`UPDATE exports SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [id, error]);
}

/** Marks an unfinished export running from its first row again; false when it has finished meanwhile. */
export async function startExportRun(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE exports SET status = 'running', started_at = coalesce(started_at, now()), rows_written = 0 WHERE id = $1 AND status IN ('queued', 'running')`,
    [id],
  );
  return Boolean(rowCount);
}

export async function exportStatus(db: Queryable, id: string): Promise<string | null> {
  const { rows } = await db.query<{ status: string }>(`SELECT status::text AS status FROM exports WHERE id = $1`, [id]);
  return rows[0]?.status ?? null;
}

export type FinishedExportRow = { id: string; kind: string; format: string; created_at: Date; profile: { name?: unknown; systemPromptSha256?: unknown } | null };

/** The ten newest finished exports, with the guard profile their manifest names. */
export async function recentFinishedExports(db: Queryable): Promise<FinishedExportRow[]> {
  const { rows } = await db.query<FinishedExportRow>(
    `SELECT id, kind::text AS kind, format::text AS format, created_at, manifest->'guardProfile' AS profile
       FROM exports WHERE status = 'succeeded' ORDER BY created_at DESC LIMIT 10`,
  );
  return rows;
}
