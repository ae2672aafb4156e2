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
import { recentRunRows, runRowById, type RunRow } from "./import-sql";

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
  return (await recentRunRows(pool())).map(view);
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
  const row = await runRowById(pool(), id);
  if (!row) throw new NotFoundError("no such import");
  return row;
}

/** Only files under the app's own import folder are served. */
function servableRejects(file: string | null): string | null {
  if (!file) return null;
  const relative = path.relative(importWorkDir(), path.resolve(file));
  return relative.startsWith("..") || path.isAbsolute(relative) ? null : path.resolve(file);
}
