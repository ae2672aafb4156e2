import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { UserError } from "../../errors";
import { storeImage } from "../../images/image-store";
import { checkImageBytes, ImageRejected, loadImage, type ImageMeta, type LoadedImage } from "../../import/image-loader";
import { mapRecord } from "../../import/import-layout";
import { NATIVE_LAYOUT, type ImportLayout } from "../../import/import-layout-schema";
import { prepareSample, type PreparedSample } from "../../import/prepared-sample";
import { readRecords } from "../../import/read-records";
import { detectFormat, type ImportFormat, type ReadProgress } from "../../import/record-source";
import { describeIssues, importRecordSchema, type ImportRecord } from "../../import/record-schema";
import { writeBatch } from "../../import/sample-writer";
import { log } from "../../log";
import { upsertDataset } from "../datasets/dataset-sql";
import {
  datasetIsEmpty,
  insertRunningRun,
  lockDatasetForImport,
  recordRunFailed,
  recordRunProgress,
  recordRunSucceeded,
  startQueuedRun,
  storedImageMeta,
} from "./import-sql";

export type ImportOptions = {
  actor: Actor;
  file: string;
  dataset?: string;
  skipInvalid?: boolean;
  batchSize?: number;
  /** How the file's records map onto ours; the native format when absent. */
  layout?: ImportLayout;
  /** Where image names resolve; the input file's folder when absent. */
  imageDir?: string;
  /** A run the import page recorded as queued; the CLI's imports record their own. */
  runId?: string;
  /** Where the rejects of a `skipInvalid` import go; `<input name>.rejects.jsonl` beside the input when absent. */
  rejectsFile?: string;
  /** Shown in the history instead of the file's own name (an upload's original name). */
  displayName?: string;
};

export type Rejection = { line: number; reason: string };

export type ImportSummary = {
  runId: string;
  dataset: string;
  format: ImportFormat;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** False when the import was refused as a whole (atomic mode with bad records): nothing was written. */
  committed: boolean;
  rejectsFile: string | null;
};

const DEFAULT_BATCH_SIZE = 1000;
const YIELD_EVERY_RECORDS = 32;
const PROGRESS_EVERY_MS = 500;
/** The run row keeps this many reasons for the page; the rejects file keeps them all. */
const STORED_REJECTIONS = 200;

/**
 * Imports a file of samples (JSONL, a JSON array or Parquet; docs/import-format.md) in one transaction,
 * streaming it record by record and writing in batches. By default any bad record refuses the whole
 * file, and every bad record is reported; with `skipInvalid` the good records are imported and the bad
 * ones written, with their reasons, to a rejects file. The run's row is written outside the transaction,
 * so its progress can be watched and a refused or failed run is still on record.
 */
export async function importSamples(options: ImportOptions): Promise<ImportSummary> {
  assertCan(options.actor, "sample:import");
  const file = path.resolve(options.file);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new UserError(`no such file: ${options.file}`);
  const datasetName = options.dataset ?? path.basename(options.displayName ?? file).replace(/\.(jsonl?|ndjson|parquet)$/i, "");
  if (!datasetName.trim()) throw new UserError("the dataset name must not be empty");
  const layout = options.layout ?? NATIVE_LAYOUT;
  const imageDir = path.resolve(options.imageDir ?? path.dirname(file));
  if (options.imageDir && !(await fs.stat(imageDir).catch(() => null))?.isDirectory()) throw new UserError(`no such image folder: ${options.imageDir}`);
  const format = await detectFormat(file);
  const runId = await beginRun(options, datasetName, format, layout);
  const progress: ReadProgress = { records: 0, fraction: 0 };
  const reporter = progressReporter(runId, progress);

  const client = await pool().connect();
  const rejected: Rejection[] = [];
  const rejectedText: { line: number; reason: string; text: string }[] = [];
  // One batch is written while the next is read and validated: the database and the parser overlap.
  let writing: Promise<void> = Promise.resolve();
  try {
    await client.query("BEGIN");
    const datasetId = await upsertDataset(client, datasetName);
    await lockDatasetForImport(client, datasetId);
    const target = { datasetId, importRunId: runId, startedEmpty: await datasetIsEmpty(client, datasetId), recordedFacets: new Set<string>() };
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
    const reject = (line: number, reason: string, text: () => string) => {
      rejected.push({ line, reason });
      if (options.skipInvalid) rejectedText.push({ line, reason, text: text() });
    };

    for await (const source of readRecords(file, format, stat.size, progress)) {
      // Records already read resolve as microtasks, which would keep the database's replies (the batch
      // being written) waiting until the whole buffer is validated: give them a turn now and then.
      if (source.position % YIELD_EVERY_RECORDS === 0) await new Promise((resolve) => setImmediate(resolve));
      reporter.tick();
      if ("error" in source) {
        reject(source.position, source.error, source.raw);
        continue;
      }
      const outcome = await validateRecord(source.value, layout, imageDir, knownImage.lookup);
      if ("reason" in outcome) {
        reject(source.position, outcome.reason, source.raw);
        continue;
      }
      const earlier = firstSeen.get(outcome.record.id);
      if (earlier !== undefined) {
        reject(source.position, `id '${outcome.record.id}' repeats ${format === "jsonl" ? "line" : "record"} ${earlier}`, source.raw);
        continue;
      }
      firstSeen.set(outcome.record.id, source.position);
      if (outcome.image) {
        await storeImage(outcome.image.meta.sha256, outcome.image.bytes);
        knownImage.remember(outcome.image.meta);
      }
      // Once an atomic import has failed, keep validating to report every bad record, but stop writing.
      if (rejected.length > 0 && !options.skipInvalid) continue;
      batch.push(prepareSample(source.position, outcome.record, outcome.image?.meta ?? null, outcome.imageName));
      if (batch.length >= (options.batchSize ?? DEFAULT_BATCH_SIZE)) await flush();
    }

    await writing;
    await reporter.stop();
    if (rejected.length > 0 && !options.skipInvalid) {
      await client.query("ROLLBACK");
      await endRun(runId, { status: "failed", progress, rejected, error: `${rejected.length} invalid record(s); nothing imported` });
      return { runId, dataset: datasetName, format, imported: 0, updated: 0, unchanged: 0, rejected, committed: false, rejectsFile: null };
    }
    await flush();
    await writing;
    const rejectsFile = options.skipInvalid && rejectedText.length > 0 ? await writeRejects(options.rejectsFile ?? defaultRejectsFile(file), rejectedText) : null;
    await recordRunSucceeded(client, runId, {
      datasetId,
      ...totals,
      rejected: rejected.length,
      rejections: rejected.slice(0, STORED_REJECTIONS),
      rejectsFile,
      recordsRead: progress.records,
    });
    await appendAuditEvent(client, {
      actor: options.actor,
      action: "import",
      entityType: "dataset",
      entityId: datasetId,
      after: { dataset: datasetName, file: options.displayName ?? path.basename(file), format, layout: layout.layout, importRunId: runId, ...totals, rejected: rejected.length },
    });
    await client.query("COMMIT");
    return { runId, dataset: datasetName, format, ...totals, rejected, committed: true, rejectsFile };
  } catch (error) {
    await reporter.stop();
    // A batch still in flight must finish (or fail) before the rollback, or it would run outside it.
    await writing.catch(() => {});
    await client.query("ROLLBACK").catch(() => {});
    await endRun(runId, { status: "failed", progress, rejected, error: error instanceof UserError ? error.message : "the import failed; see the server log" });
    throw error;
  } finally {
    client.release();
  }
}

type RecordOutcome =
  | { record: ImportRecord; image: LoadedImage | null; imageName: string | null }
  | { reason: string };

async function validateRecord(
  value: Record<string, unknown>,
  layout: ImportLayout,
  imageDir: string,
  knownImage: (sha256: string) => Promise<ImageMeta | null>,
): Promise<RecordOutcome> {
  const mapped = mapRecord(value, layout);
  if ("reason" in mapped) return mapped;
  const parsed = importRecordSchema.safeParse(mapped.record);
  if (!parsed.success) return { reason: describeIssues(parsed.error) };
  const record = parsed.data;
  if (!record.image) return { record, image: null, imageName: null };
  try {
    const image = mapped.embeddedImage ? await checkImageBytes(mapped.embeddedImage, knownImage) : await loadImage(record.image, imageDir, knownImage);
    return { record, image, imageName: mapped.imageName };
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
    const meta = await storedImageMeta(client, sha256);
    seen.set(sha256, meta);
    return meta;
  };
  return { lookup, remember: (meta: ImageMeta) => seen.set(meta.sha256, meta) };
}

/** The run's row, committed before the import's transaction opens: progress and failures land on it. */
async function beginRun(options: ImportOptions, datasetName: string, format: ImportFormat, layout: ImportLayout): Promise<string> {
  const fileName = options.displayName ?? path.basename(options.file);
  const settings = JSON.stringify({ layout, imageDir: options.imageDir ?? null });
  if (options.runId) {
    if (!(await startQueuedRun(pool(), options.runId, format))) throw new UserError(`import run ${options.runId} is not waiting to run`);
    return options.runId;
  }
  return insertRunningRun(pool(), { datasetName, actorId: options.actor.userId, fileName, skipInvalid: Boolean(options.skipInvalid), format }, settings);
}

/** Writes the records read so far every half second, on its own connection: the import's is busy. */
function progressReporter(runId: string, progress: ReadProgress) {
  let last = Date.now();
  let pending: Promise<unknown> = Promise.resolve();
  const write = () =>
    recordRunProgress(pool(), runId, progress.records, Math.min(1, progress.fraction)).catch((error: Error) => log.warn("could not record import progress", { error: error.message }));
  return {
    tick() {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      pending = pending.then(write);
    },
    stop: () => pending,
  };
}

async function endRun(runId: string, outcome: { status: "failed"; progress: ReadProgress; rejected: Rejection[]; error: string }) {
  try {
    await recordRunFailed(pool(), runId, {
      rejected: outcome.rejected.length,
      rejections: outcome.rejected.slice(0, STORED_REJECTIONS),
      error: outcome.error,
      recordsRead: outcome.progress.records,
    });
  } catch (error) {
    log.warn("could not record the failed import run", { error: (error as Error).message });
  }
}

function defaultRejectsFile(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file).replace(/\.(jsonl?|ndjson|parquet)$/i, "")}.rejects.jsonl`);
}

async function writeRejects(target: string, rows: { line: number; reason: string; text: string }[]): Promise<string> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, rows.map((row) => JSON.stringify({ line: row.line, reason: row.reason, record: row.text })).join("\n") + "\n");
  return target;
}
