import "server-only";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { UserError } from "../../errors";
import { storeImage } from "../../images/image-store";
import { ImageRejected, loadImage, type ImageMeta, type LoadedImage } from "../../import/image-loader";
import { readLines } from "../../import/line-reader";
import { prepareSample, type PreparedSample } from "../../import/prepared-sample";
import { describeIssues, importRecordSchema, type ImportRecord } from "../../import/record-schema";
import { writeBatch } from "../../import/sample-writer";
import { log } from "../../log";

export type ImportOptions = {
  actor: Actor;
  file: string;
  dataset?: string;
  skipInvalid?: boolean;
  batchSize?: number;
};

export type Rejection = { line: number; reason: string };

export type ImportSummary = {
  dataset: string;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** False when the import was refused as a whole (atomic mode with bad lines): nothing was written. */
  committed: boolean;
  rejectsFile: string | null;
};

const DEFAULT_BATCH_SIZE = 1000;
const YIELD_EVERY_LINES = 32;

/**
 * Imports a JSONL file (SPEC §2) in one transaction, streaming it line by line and writing in batches.
 * By default any bad line refuses the whole file, and every bad line is reported; with `skipInvalid`
 * the good lines are imported and the bad ones written to `<name>.rejects.jsonl` beside the input.
 */
export async function importJsonl(options: ImportOptions): Promise<ImportSummary> {
  assertCan(options.actor, "sample:import");
  const file = path.resolve(options.file);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new UserError(`no such file: ${options.file}`);
  const datasetName = options.dataset ?? path.basename(file).replace(/\.jsonl?$/i, "");
  if (!datasetName.trim()) throw new UserError("the dataset name must not be empty");

  const client = await pool().connect();
  const rejected: Rejection[] = [];
  const rejectedText: { line: number; reason: string; text: string }[] = [];
  // One batch is written while the next is read and validated: the database and the parser overlap.
  let writing: Promise<void> = Promise.resolve();
  try {
    await client.query("BEGIN");
    const datasetId = await upsertDataset(client, datasetName);
    // Imports of one dataset queue behind each other instead of colliding on the unique external ids.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('import:' || $1))", [datasetId]);
    const runId = await startRun(client, datasetId, options);
    const target = { datasetId, importRunId: runId, startedEmpty: await isEmpty(client, datasetId), recordedFacets: new Set<string>() };
    const totals = { imported: 0, updated: 0, unchanged: 0 };
    const firstSeen = new Map<string, number>();
    const knownImage = knownImageLookup(client);
    let batch: PreparedSample[] = [];
    const flush = async () => {
      await writing;
      const current = batch;
      batch = [];
      writing = writeBatch(client, target, current).then((counts) => {
        totals.imported += counts.imported;
        totals.updated += counts.updated;
        totals.unchanged += counts.unchanged;
      });
      // Marked handled now; the error still surfaces at the next await of `writing`.
      writing.catch(() => {});
    };
    const reject = (line: number, reason: string, text: string) => {
      rejected.push({ line, reason });
      if (options.skipInvalid) rejectedText.push({ line, reason, text });
    };

    for await (const line of readLines(createReadStream(file, { highWaterMark: 1 << 20 }))) {
      // Lines already read resolve as microtasks, which would keep the database's replies (the batch being
      // written) waiting until the whole buffer is validated: give them a turn now and then.
      if (line.lineNo % YIELD_EVERY_LINES === 0) await new Promise((resolve) => setImmediate(resolve));
      if ("error" in line) {
        reject(line.lineNo, line.error, line.preview);
        continue;
      }
      const outcome = await validateLine(line.text, path.dirname(file), knownImage.lookup);
      if ("reason" in outcome) {
        reject(line.lineNo, outcome.reason, line.text);
        continue;
      }
      const earlier = firstSeen.get(outcome.record.id);
      if (earlier !== undefined) {
        reject(line.lineNo, `id '${outcome.record.id}' repeats line ${earlier}`, line.text);
        continue;
      }
      firstSeen.set(outcome.record.id, line.lineNo);
      if (outcome.image) {
        await storeImage(outcome.image.meta.sha256, outcome.image.bytes);
        knownImage.remember(outcome.image.meta);
      }
      // Once an atomic import has failed, keep validating to report every bad line, but stop writing.
      if (rejected.length > 0 && !options.skipInvalid) continue;
      batch.push(prepareSample(line.lineNo, outcome.record, outcome.image?.meta ?? null));
      if (batch.length >= (options.batchSize ?? DEFAULT_BATCH_SIZE)) await flush();
    }

    await writing;
    if (rejected.length > 0 && !options.skipInvalid) {
      await client.query("ROLLBACK");
      await recordFailedRun(datasetName, options, rejected.length);
      return { dataset: datasetName, imported: 0, updated: 0, unchanged: 0, rejected, committed: false, rejectsFile: null };
    }
    await flush();
    await writing;
    await finishRun(client, runId, totals, rejected.length);
    await appendAuditEvent(client, {
      actor: options.actor,
      action: "import",
      entityType: "dataset",
      entityId: datasetId,
      after: { dataset: datasetName, file: path.basename(file), importRunId: runId, ...totals, rejected: rejected.length },
    });
    await client.query("COMMIT");
    const rejectsFile = options.skipInvalid && rejectedText.length > 0 ? await writeRejects(file, rejectedText) : null;
    return { dataset: datasetName, ...totals, rejected, committed: true, rejectsFile };
  } catch (error) {
    // A batch still in flight must finish (or fail) before the rollback, or it would run outside it.
    await writing.catch(() => {});
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

type LineOutcome =
  | { record: ImportRecord; image: LoadedImage | null }
  | { reason: string };

async function validateLine(text: string, baseDir: string, knownImage: (sha256: string) => Promise<ImageMeta | null>): Promise<LineOutcome> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { reason: `not valid JSON (${(error as Error).message})` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { reason: "must be a JSON object" };
  const parsed = importRecordSchema.safeParse(value);
  if (!parsed.success) return { reason: describeIssues(parsed.error) };
  if (!parsed.data.image) return { record: parsed.data, image: null };
  try {
    return { record: parsed.data, image: await loadImage(parsed.data.image, baseDir, knownImage) };
  } catch (error) {
    if (error instanceof ImageRejected) return { reason: `image: ${error.message}` };
    throw error;
  }
}

/** Images already stored, or met earlier in this file, need no second decode. */
function knownImageLookup(client: pg.PoolClient) {
  const seen = new Map<string, ImageMeta | null>();
  const lookup = async (sha256: string): Promise<ImageMeta | null> => {
    if (seen.has(sha256)) return seen.get(sha256)!;
    const { rows } = await client.query<{ mime: string; byte_size: number; width: number; height: number }>(
      `SELECT mime, byte_size, width, height FROM images WHERE sha256 = $1`,
      [sha256],
    );
    const row = rows[0];
    const meta = row ? { sha256, mime: row.mime, byteSize: row.byte_size, width: row.width, height: row.height } : null;
    seen.set(sha256, meta);
    return meta;
  };
  return { lookup, remember: (meta: ImageMeta) => seen.set(meta.sha256, meta) };
}

async function upsertDataset(client: pg.PoolClient, name: string): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO datasets (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [name],
  );
  return rows[0]!.id;
}

async function isEmpty(client: pg.PoolClient, datasetId: string): Promise<boolean> {
  const { rows } = await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM samples WHERE dataset_id = $1) AS empty`, [datasetId]);
  return rows[0]!.empty;
}

async function startRun(client: pg.PoolClient, datasetId: string, options: ImportOptions): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO import_runs (dataset_id, actor_id, file_name, skip_invalid) VALUES ($1, $2, $3, $4) RETURNING id`,
    [datasetId, options.actor.userId, path.basename(options.file), Boolean(options.skipInvalid)],
  );
  return rows[0]!.id;
}

async function finishRun(client: pg.PoolClient, runId: string, totals: { imported: number; updated: number; unchanged: number }, rejected: number) {
  await client.query(
    `UPDATE import_runs SET status = 'succeeded', imported = $2, updated = $3, unchanged = $4, rejected = $5, finished_at = now()
      WHERE id = $1`,
    [runId, totals.imported, totals.updated, totals.unchanged, rejected],
  );
}

/** The refused attempt is remembered on its own, outside the rolled-back transaction. */
async function recordFailedRun(datasetName: string, options: ImportOptions, rejected: number) {
  try {
    await pool().query(
      `INSERT INTO import_runs (dataset_id, actor_id, file_name, skip_invalid, status, rejected, error, finished_at)
       VALUES ((SELECT id FROM datasets WHERE name = $1), $2, $3, false, 'failed', $4, $5, now())`,
      [datasetName, options.actor.userId, path.basename(options.file), rejected, `${rejected} invalid line(s); nothing imported`],
    );
  } catch (error) {
    log.warn("could not record the failed import run", { error: (error as Error).message });
  }
}

async function writeRejects(file: string, rows: { line: number; reason: string; text: string }[]): Promise<string> {
  const target = path.join(path.dirname(file), `${path.basename(file).replace(/\.jsonl?$/i, "")}.rejects.jsonl`);
  await fs.writeFile(target, rows.map((row) => JSON.stringify({ line: row.line, reason: row.reason, record: row.text })).join("\n") + "\n");
  return target;
}
