import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type pg from "pg";
import { profileSummary, type GuardProfile, type GuardProfileSummary } from "../guard/guard-profile";
import { imagePath } from "../images/image-store";
import { kindsOf, type ExampleKind, type ExportOptions } from "./export-options";
import { datasetInfo, llamafactoryRows } from "./llamafactory-layout";
import { readExamples } from "./read-examples";
import { planSelection, type SelectionPlan } from "./selection-plan";
import { imageEntryName, labelOf, type ExampleImage, type TrainingExample } from "./training-example";
import { trlRows } from "./trl-layout";
import { ZipWriter } from "./zip-writer";

export type KindSummary = {
  rows: number;
  byLabel: Record<string, number>;
  byRoute: Record<string, number>;
  bySplit?: Record<string, number>;
  /** With a split: the label counts of each side, which stratification keeps in the same proportions. */
  byLabelPerSplit?: Record<string, Record<string, number>>;
  /** With `balance: downsample`: the rows the kind had before downsampling. */
  beforeBalance?: number;
};

export type Manifest = {
  kind: ExportOptions["kind"];
  format: ExportOptions["format"];
  filters: Omit<ExportOptions, "kind" | "format">;
  appVersion: string;
  /** The profile whose system prompt and completion layout every row was written with. */
  guardProfile: GuardProfileSummary;
  createdAt: string;
  counts: Partial<Record<ExampleKind, KindSummary>>;
  images: number;
  files: Record<string, { sha256: string; bytes: number; rows: number }>;
  /** LLaMA-Factory bundles: the texts that quoted `<image>`, `<video>` or `<audio>` and were defused. */
  placeholdersDefused?: number;
};

/** A data file being written: straight into the zip (`temp` null), or to a temporary file added at the end of its kind. */
type DataFile = { name: string; kind: ExampleKind; sink: Writable; temp: string | null; hash: Hash; bytes: number; rows: number; pending: string };

/**
 * Lines are written in chunks of about this many characters: one line at a time, every line would make
 * its own trip through the zip's checksum, deflate (on the thread pool) and output stages.
 */
const CHUNK_CHARS = 256 * 1024;

const DATA_ENTRY = { compress: true } as const;

/**
 * Writes an export bundle (SPEC §6) as a zip to `output`: the data files, each image once under its
 * SHA-256, manifest.json, and dataset_info.json for LLaMA-Factory. Rows stream from a database cursor:
 * a kind's train (or only) file goes straight into the zip, compressed on the thread pool while the next
 * rows are read; the test split, which fills at the same time, waits in a temporary file until its kind
 * is done. Memory stays flat at any size. On failure `output` is destroyed. Every row's prompt and
 * completion follow `profile`.
 */
export async function writeBundle(
  client: pg.PoolClient,
  options: ExportOptions,
  datasetId: string | null,
  profile: GuardProfile,
  output: Writable,
  onProgress: (rowsWritten: number) => void = () => {},
): Promise<Manifest> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "gts-export-"));
  // Level 1: JSONL of repeated prompts still shrinks about tenfold, at several times the speed of the default.
  const zip = new ZipWriter(output, { level: 1 });
  try {
    const kinds = kindsOf(options.kind);
    const defused = { texts: 0 };
    const rowOf = options.format === "trl" ? trlRows(profile, options.sftStyle) : llamafactoryRows(profile, defused);
    const files = new Map<string, DataFile>();
    const images = new Map<string, ExampleImage>();
    const counts: Manifest["counts"] = {};
    let written = 0;
    for (const kind of kinds) {
      const summary: KindSummary = { rows: 0, byLabel: {}, byRoute: {}, ...(options.split ? { bySplit: {}, byLabelPerSplit: {} } : {}) };
      counts[kind] = summary;
      const own: DataFile[] = [];
      // Balancing and a stratified split need the whole kind first: one pass to plan, one to write.
      const plan: SelectionPlan | null = options.split || options.balance !== "none" ? await planSelection(readExamples(client, kind, options, datasetId), options) : null;
      let before = 0;
      for await (const example of readExamples(client, kind, options, datasetId)) {
        before += 1;
        if (plan && !plan.keep(example)) continue;
        const side = plan ? plan.side(example) : null;
        const modality = options.modality === "separate" ? (example.image ? "-image" : "-text") : "";
        const name = `${kinds.length > 1 ? `${kind}/` : ""}${side ?? "data"}${modality}.jsonl`;
        let file = files.get(name);
        if (!file) {
          // The train (or only) file streams into the zip; the test split waits in a temporary file.
          file = openDataFile(zip, name, kind, side === "test" ? path.join(work, name.replace(/\//g, "__")) : null);
          files.set(name, file);
          own.push(file);
        }
        await writeLine(file, `${JSON.stringify(rowOf(example))}\n`, zip.failure);
        if (example.image) images.set(example.image.sha256, example.image);
        count(summary, example, side);
        written += 1;
        if (written % 1000 === 0) onProgress(written);
      }
      if (options.balance !== "none") summary.beforeBalance = before;
      for (const file of own) {
        await flush(file, zip.failure);
        file.sink.end();
        if (file.temp === null) continue;
        await finished(file.sink);
        zip.addFile(file.name, file.temp, DATA_ENTRY);
      }
    }

    for (const image of images.values()) zip.addFile(imageEntryName(image), imagePath(image.sha256), { compress: false });
    const manifest: Manifest = {
      kind: options.kind,
      format: options.format,
      filters: filtersOf(options),
      appVersion: await appVersion(),
      guardProfile: profileSummary(profile),
      createdAt: new Date().toISOString(),
      counts,
      images: images.size,
      files: Object.fromEntries([...files.values()].map((file) => [file.name, { sha256: file.hash.digest("hex"), bytes: file.bytes, rows: file.rows }])),
      ...(options.format === "llamafactory" ? { placeholdersDefused: defused.texts } : {}),
    };
    zip.addBuffer("manifest.json", Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), DATA_ENTRY);
    if (options.format === "llamafactory") {
      const entries = kinds.flatMap((kind) => {
        const own = [...files.values()].filter((file) => file.kind === kind);
        return Object.entries(
          // Named after the file (guardtrace_sft_train_image), so a name never depends on which files a run happened to fill.
          datasetInfo(kind, own.map((file) => ({ name: datasetName(kind, file.name), file: file.name }))),
        );
      });
      zip.addBuffer("dataset_info.json", Buffer.from(`${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`), DATA_ENTRY);
    }
    await zip.end();
    onProgress(written);
    return manifest;
  } catch (error) {
    output.destroy();
    throw error;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

function datasetName(kind: ExampleKind, file: string): string {
  const stem = path.basename(file, ".jsonl");
  return `guardtrace_${kind}${stem === "data" ? "" : `_${stem.replaceAll("-", "_")}`}`;
}

function openDataFile(zip: ZipWriter, name: string, kind: ExampleKind, temp: string | null): DataFile {
  const sink = temp === null ? new PassThrough({ highWaterMark: 1 << 20 }) : createWriteStream(temp);
  if (sink instanceof PassThrough) zip.addStream(name, sink, DATA_ENTRY);
  return { name, kind, sink, temp, hash: createHash("sha256"), bytes: 0, rows: 0, pending: "" };
}

async function writeLine(file: DataFile, line: string, failure: Promise<never>) {
  file.pending += line;
  file.rows += 1;
  if (file.pending.length >= CHUNK_CHARS) await flush(file, failure);
}

/** `failure` rejects if the zip fails: a failed output must not leave us waiting for a drain. */
async function flush(file: DataFile, failure: Promise<never>) {
  if (file.pending === "") return;
  const bytes = Buffer.from(file.pending);
  file.pending = "";
  file.hash.update(bytes);
  file.bytes += bytes.length;
  if (!file.sink.write(bytes)) await Promise.race([once(file.sink, "drain"), failure]);
}

function count(summary: KindSummary, example: TrainingExample, side: string | null) {
  summary.rows += 1;
  const label = String(labelOf(example));
  summary.byLabel[label] = (summary.byLabel[label] ?? 0) + 1;
  summary.byRoute[example.route] = (summary.byRoute[example.route] ?? 0) + 1;
  if (side && summary.bySplit && summary.byLabelPerSplit) {
    summary.bySplit[side] = (summary.bySplit[side] ?? 0) + 1;
    const labels = (summary.byLabelPerSplit[side] ??= {});
    labels[label] = (labels[label] ?? 0) + 1;
  }
}

function filtersOf(options: ExportOptions): Manifest["filters"] {
  return Object.fromEntries(Object.entries(options).filter(([key, value]) => key !== "kind" && key !== "format" && value !== undefined)) as Manifest["filters"];
}

async function appVersion(): Promise<string> {
  const text = await fs.readFile(path.join(process.cwd(), "package.json"), "utf8").catch(() => "{}");
  return (JSON.parse(text) as { version?: string }).version ?? "unknown";
}
