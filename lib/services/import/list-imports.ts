import "server-only";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { z } from "zod";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { NotFoundError } from "../../errors";
import { importWorkDir } from "../../paths";
import { parseInput } from "../parse-input";

export type ImportRunView = {
  id: string;
  dataset: string | null;
  fileName: string;
  format: string | null;
  layout: string | null;
  /** `interrupted`: recorded as running, but its process has written no progress for a while (it was killed). */
  status: "queued" | "running" | "succeeded" | "failed" | "interrupted";
  startedBy: string | null;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  recordsRead: number;
  progress: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** The rejects file can be downloaded (an import run from the page with `skipInvalid`). */
  hasRejectsFile: boolean;
};

export type ImportRunDetail = ImportRunView & { rejections: { line: number; reason: string }[] };

const RUN_COLUMNS = `r.id, coalesce(d.name, r.dataset_name) AS dataset, r.file_name, r.format, r.options->'layout'->>'layout' AS layout,
  r.status::text AS status, u.email AS started_by, r.imported, r.updated, r.unchanged, r.rejected, r.records_read, r.progress, r.error,
  r.started_at, r.finished_at, r.rejects_file, r.rejections,
  (r.status = 'running' AND coalesce(r.heartbeat_at, r.started_at) < now() - interval '2 minutes') AS quiet`;

type RunRow = {
  id: string; dataset: string | null; file_name: string; format: string | null; layout: string | null; status: Exclude<ImportRunView["status"], "interrupted">; quiet: boolean;
  started_by: string | null; imported: number; updated: number; unchanged: number; rejected: number; records_read: number; progress: number;
  error: string | null; started_at: Date; finished_at: Date | null; rejects_file: string | null; rejections: { line: number; reason: string }[] | null;
};

const view = (row: RunRow): ImportRunView => ({
  id: row.id,
  dataset: row.dataset,
  fileName: row.file_name,
  format: row.format,
  layout: row.layout,
  status: row.quiet ? "interrupted" : row.status,
  startedBy: row.started_by,
  imported: row.imported,
  updated: row.updated,
  unchanged: row.unchanged,
  rejected: row.rejected,
  recordsRead: row.records_read,
  progress: row.progress,
  error: row.error,
  startedAt: row.started_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
  hasRejectsFile: servableRejects(row.rejects_file) !== null,
});

/** The import history, newest first: the CLI's runs and the page's alike. */
export async function listImports(actor: Actor | null): Promise<ImportRunView[]> {
  assertCan(actor, "sample:import");
  const { rows } = await pool().query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM import_runs r LEFT JOIN datasets d ON d.id = r.dataset_id LEFT JOIN users u ON u.id = r.actor_id
      ORDER BY r.started_at DESC LIMIT 50`,
  );
  return rows.map(view);
}

const runIdSchema = z.object({ id: z.uuid("is not an import id") });

export async function getImportRun(actor: Actor | null, params: unknown): Promise<ImportRunDetail> {
  assertCan(actor, "sample:import");
  const row = await runRow(parseInput(runIdSchema, params).id);
  return { ...view(row), rejections: row.rejections ?? [] };
}

/** The rejects file of a run from the import page, as a stream; those the CLI wrote beside its input stay there. */
export async function openImportRejects(actor: Actor | null, params: unknown): Promise<{ fileName: string; body: ReadableStream }> {
  assertCan(actor, "sample:import");
  const row = await runRow(parseInput(runIdSchema, params).id);
  const file = servableRejects(row.rejects_file);
  if (!file || !(await fs.stat(file).catch(() => null))?.isFile()) throw new NotFoundError("this import has no rejects file to download");
  return { fileName: `${row.file_name.replace(/\.[^.]+$/, "")}.rejects.jsonl`, body: Readable.toWeb(createReadStream(file)) as ReadableStream };
}

async function runRow(id: string): Promise<RunRow> {
  const { rows } = await pool().query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM import_runs r LEFT JOIN datasets d ON d.id = r.dataset_id LEFT JOIN users u ON u.id = r.actor_id WHERE r.id = $1`,
    [id],
  );
  if (!rows[0]) throw new NotFoundError("no such import");
  return rows[0];
}

/** Only files under the app's own import folder are served. */
function servableRejects(file: string | null): string | null {
  if (!file) return null;
  const relative = path.relative(importWorkDir(), path.resolve(file));
  return relative.startsWith("..") || path.isAbsolute(relative) ? null : path.resolve(file);
}
