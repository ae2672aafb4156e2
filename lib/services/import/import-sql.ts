import type { Queryable } from "../../db/pool";
import type { Actor } from "../../auth/actor";
import type { ImageMeta } from "../../import/image-loader";
import type { ImportFormat } from "../../import/record-source";

// The statements of the import area: the run rows that record each import (its progress, outcome and
// rejections) and the lookups an import makes while it streams. The samples themselves are written by
// lib/import/sample-writer.ts.

/** Imports of one dataset queue behind each other instead of colliding on the unique external ids. */
export async function lockDatasetForImport(db: Queryable, datasetId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtext('import:' || $1))", [datasetId]);
}

export async function datasetIsEmpty(db: Queryable, datasetId: string): Promise<boolean> {
  const { rows } = await db.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM samples WHERE dataset_id = $1) AS empty`, [datasetId]);
  return rows[0]!.empty;
}

export async function storedImageMeta(db: Queryable, sha256: string): Promise<ImageMeta | null> {
  const { rows } = await db.query<{ mime: string; byte_size: number; width: number; height: number }>(
    `SELECT mime, byte_size, width, height FROM images WHERE sha256 = $1`,
    [sha256],
  );
  const row = rows[0];
  return row ? { sha256, mime: row.mime, byteSize: row.byte_size, width: row.width, height: row.height } : null;
}

/** A run the import page queued starts; false when it is not waiting to run (another worker took it). */
export async function startQueuedRun(db: Queryable, runId: string, format: ImportFormat): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE import_runs SET status = 'running', format = $2, started_at = now(), heartbeat_at = now() WHERE id = $1 AND status = 'queued'`,
    [runId, format],
  );
  return Boolean(rowCount);
}

export type NewRun = { datasetName: string; actorId: string | null; fileName: string; skipInvalid: boolean; format: ImportFormat };

/** The row of an import that runs at once (the command line): running from the start. */
export async function insertRunningRun(db: Queryable, run: NewRun, settings: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO import_runs (dataset_id, dataset_name, actor_id, file_name, skip_invalid, format, options, heartbeat_at)
     VALUES ((SELECT id FROM datasets WHERE name = $1), $1, $2, $3, $4, $5, $6, now()) RETURNING id`,
    [run.datasetName, run.actorId, run.fileName, run.skipInvalid, run.format, settings],
  );
  return rows[0]!.id;
}

/** The row of an import the page hands to the worker; its options follow once the id names its files. */
export async function insertQueuedRun(db: Queryable, run: NewRun): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO import_runs (dataset_id, dataset_name, actor_id, file_name, skip_invalid, format, status, options)
     VALUES ((SELECT id FROM datasets WHERE name = $1), $1, $2, $3, $4, $5, 'queued', '{}') RETURNING id`,
    [run.datasetName, run.actorId, run.fileName, run.skipInvalid, run.format],
  );
  return rows[0]!.id;
}

export async function setRunOptions(db: Queryable, runId: string, options: unknown): Promise<void> {
  await db.query(`UPDATE import_runs SET options = $2 WHERE id = $1`, [runId, JSON.stringify(options)]);
}

/** The records read so far; also the heartbeat that tells a live run from one whose process died. */
export async function recordRunProgress(db: Queryable, runId: string, records: number, fraction: number): Promise<void> {
  await db.query(`UPDATE import_runs SET records_read = $2, progress = $3, heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [runId, records, fraction]);
}

export type RunOutcome = {
  datasetId: string;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The reasons the page shows: the first ones only; the rejects file keeps them all. */
  rejections: { line: number; reason: string }[];
  rejectsFile: string | null;
  recordsRead: number;
};

export async function recordRunSucceeded(db: Queryable, runId: string, outcome: RunOutcome): Promise<void> {
  await db.query(
    `UPDATE import_runs SET status = 'succeeded', dataset_id = $2, imported = $3, updated = $4, unchanged = $5, rejected = $6,
            rejections = $7, rejects_file = $8, records_read = $9, progress = 1, finished_at = now()
      WHERE id = $1`,
    [runId, outcome.datasetId, outcome.imported, outcome.updated, outcome.unchanged, outcome.rejected, JSON.stringify(outcome.rejections), outcome.rejectsFile, outcome.recordsRead],
  );
}

export async function recordRunFailed(db: Queryable, runId: string, failure: { rejected: number; rejections: { line: number; reason: string }[]; error: string; recordsRead: number }): Promise<void> {
  await db.query(
    `UPDATE import_runs SET status = 'failed', rejected = $2, rejections = $3, error = $4, records_read = $5, finished_at = now()
      WHERE id = $1`,
    [runId, failure.rejected, JSON.stringify(failure.rejections), failure.error, failure.recordsRead],
  );
}

/** Fails a run that has not finished (one that did is left as it ended). */
export async function failUnfinishedRun(db: Queryable, runId: string, error: string): Promise<void> {
  await db.query(`UPDATE import_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [runId, error]);
}

/** A run left running by a worker that died waits to run again. */
export async function requeueRunningRun(db: Queryable, runId: string): Promise<void> {
  await db.query(`UPDATE import_runs SET status = 'queued' WHERE id = $1 AND status = 'running'`, [runId]);
}

export type QueuedRun<Options> = { status: string; dataset_name: string; options: Options; file_name: string; user_id: string | null; email: string | null; role: Actor["role"] | null };

/** A queued run with its starter's account, when that account is still active. */
export async function queuedRun<Options>(db: Queryable, runId: string): Promise<QueuedRun<Options> | null> {
  const { rows } = await db.query<QueuedRun<Options>>(
    `SELECT r.status::text AS status, r.dataset_name, r.options, r.file_name, u.id AS user_id, u.email, u.role::text AS role
       FROM import_runs r LEFT JOIN users u ON u.id = r.actor_id AND u.disabled_at IS NULL WHERE r.id = $1`,
    [runId],
  );
  return rows[0] ?? null;
}

export type RunRow = {
  id: string; dataset: string | null; file_name: string; format: string | null; layout: string | null;
  status: "queued" | "running" | "succeeded" | "failed"; quiet: boolean;
  started_by: string | null; imported: number; updated: number; unchanged: number; rejected: number; records_read: number; progress: number;
  error: string | null; started_at: Date; finished_at: Date | null; rejects_file: string | null; rejections: { line: number; reason: string }[] | null;
};

/** `quiet`: recorded as running, but no progress for two minutes (its process was killed). */
const RUN_COLUMNS = `r.id, coalesce(d.name, r.dataset_name) AS dataset, r.file_name, r.format, r.options->'layout'->>'layout' AS layout,
  r.status::text AS status, u.email AS started_by, r.imported, r.updated, r.unchanged, r.rejected, r.records_read, r.progress, r.error,
  r.started_at, r.finished_at, r.rejects_file, r.rejections,
  (r.status = 'running' AND coalesce(r.heartbeat_at, r.started_at) < now() - interval '2 minutes') AS quiet`;

const RUN_FROM = `import_runs r LEFT JOIN datasets d ON d.id = r.dataset_id LEFT JOIN users u ON u.id = r.actor_id`;

export async function recentRunRows(db: Queryable): Promise<RunRow[]> {
  const { rows } = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM ${RUN_FROM} ORDER BY r.started_at DESC LIMIT 50`);
  return rows;
}

export async function runRowById(db: Queryable, id: string): Promise<RunRow | null> {
  const { rows } = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM ${RUN_FROM} WHERE r.id = $1`, [id]);
  return rows[0] ?? null;
}
