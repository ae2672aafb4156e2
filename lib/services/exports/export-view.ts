import type { Manifest } from "../../export/write-bundle";
import type { ExportRow } from "./export-sql";

/** A manifest as stored: exports made before guard profiles existed carry none. */
export type StoredManifest = Omit<Manifest, "guardProfile"> & Partial<Pick<Manifest, "guardProfile">>;

export type ExportView = {
  id: string;
  kind: string;
  format: string;
  status: "queued" | "running" | "succeeded" | "failed";
  filters: Record<string, unknown>;
  rowsWritten: number;
  rowsTotal: number | null;
  error: string | null;
  manifest: StoredManifest | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  downloadUrl: string | null;
};

export function exportView(row: ExportRow): ExportView {
  return {
    id: row.id,
    kind: row.kind,
    format: row.format,
    status: row.status,
    filters: row.filters,
    rowsWritten: row.rows_written,
    rowsTotal: row.rows_total,
    error: row.error,
    manifest: row.manifest,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    downloadUrl: row.status === "succeeded" && row.file_path ? `/api/v1/exports/${row.id}/download` : null,
  };
}
