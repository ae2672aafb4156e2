import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import type pg from "pg";
import { profileSummary, type GuardProfile, type GuardProfileSummary } from "../guard/guard-profile";
import { imagePath } from "../images/image-store";
import { statsFromAggregates } from "../stats/dataset-stats";
import { readStatsAggregates } from "../stats/read-stats-aggregates";
import { bundleCard } from "./bundle-card";
import { jsonlSink, parquetSink, type DataSink } from "./data-sinks";
import { kindsOf, type ExampleKind, type ExportOptions } from "./export-options";
import { datasetInfo, llamafactoryRows } from "./llamafactory-layout";
import { readExamples } from "./read-examples";
import { repeatedTextLines } from "./repeated-text-lines";
import { parquetLayout } from "./parquet-layout";
import { LengthTally, rowLength, trainingCutoff, type LengthSummary, type ProfileTokens } from "./row-length";
import { stageConfigs } from "./stage-configs";
import { planSelection, type SelectionPlan } from "./selection-plan";
import { imageEntryName, labelOf, type ExampleImage, type TrainingExample } from "./training-example";
import { trlRows } from "./trl-layout";
import { ZipWriter } from "./zip-writer";
import { appVersion } from "../app-version";

export type KindSummary = {
  rows: number;
  byLabel: Record<string, number>;
  byRoute: Record<string, number>;
  bySplit?: Record<string, number>;
  /** With a split: the label counts of each side, which stratification keeps in the same proportions. */
  byLabelPerSplit?: Record<string, Record<string, number>>;
  /** With `balance: downsample`: the rows the kind had before downsampling. */
  beforeBalance?: number;
  /** Row lengths in Qwen2.5 tokens, from the worker's stored counts (`uncounted`: not counted yet). */
  lengths: LengthSummary;
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
  /** The cutoff the dataset card and stage configs train with, from the measured lengths. */
  cutoffLength: number;
};

const METADATA_ENTRY = { compress: true } as const;

/**
 * Writes an export bundle as a zip to `output`: the data files (JSONL with each image once under its
 * SHA-256 in images/, or Parquet with the images embedded), manifest.json, and dataset_info.json for
 * LLaMA-Factory. Rows stream from a database cursor into data sinks (`data-sinks.ts`); a balance or a
 * split reads each kind once more first, to plan (`selection-plan.ts`). Memory stays flat at any size.
 * On failure `output` is destroyed. Every row's prompt and completion follow `profile`.
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
    // JSONL rows hold a stand-in for the system prompt, escaped once and spliced into each line.
    const lines = repeatedTextLines();
    const systemText = options.fileFormat === "jsonl" ? lines.standIn : (text: string) => text;
    const rowOf = options.format === "trl" ? trlRows(profile, options.sftStyle, systemText) : llamafactoryRows(profile, defused, systemText);
    const files = new Map<string, DataSink>();
    const writtenFiles = new Map<string, { sha256: string; bytes: number; rows: number }>();
    const images = new Map<string, ExampleImage>();
    const counts: Manifest["counts"] = {};
    const profileTokens = await storedProfileTokens(client, profile);
    let written = 0;
    for (const kind of kinds) {
      const summary: Omit<KindSummary, "lengths"> = { rows: 0, byLabel: {}, byRoute: {}, ...(options.split ? { bySplit: {}, byLabelPerSplit: {} } : {}) };
      const lengths = new LengthTally();
      const tooLong = (example: TrainingExample) => options.overLength === "drop" && (rowLength(example.tokens, example.kind, profileTokens) ?? 0) > options.maxLength;
      const own: DataSink[] = [];
      // Balancing and a stratified split need the whole kind first: one pass to plan, one to write.
      const plan: SelectionPlan | null =
        options.split || options.balance !== "none" ? await planSelection(readExamples(client, kind, options, datasetId), options, (example) => !tooLong(example)) : null;
      let before = 0;
      for await (const example of readExamples(client, kind, options, datasetId)) {
        before += 1;
        if (tooLong(example)) {
          lengths.dropped += 1;
          continue;
        }
        if (plan && !plan.keep(example)) continue;
        const side = plan ? plan.side(example) : null;
        const modality = options.modality === "separate" ? (example.image ? "-image" : "-text") : "";
        const name = `${kinds.length > 1 ? `${kind}/` : ""}${side ?? "data"}${modality}.${options.fileFormat}`;
        let file = files.get(name);
        if (!file) {
          const temp = path.join(work, name.replace(/\//g, "__"));
          // The zip takes one stream at a time: a kind's first JSONL file streams into it, the others (the
          // other split side or modality) wait in temporary files; Parquet always does, its footer comes last.
          file = options.fileFormat === "parquet"
            ? parquetSink(zip, name, kind, temp, parquetLayout(options.format, kind, options.sftStyle))
            : jsonlSink(zip, name, kind, own.length === 0 ? null : temp, lines.line);
          files.set(name, file);
          own.push(file);
        }
        await file.write(rowOf(example));
        if (example.image) images.set(example.image.sha256, example.image);
        count(summary, example, side);
        lengths.add(rowLength(example.tokens, example.kind, profileTokens));
        written += 1;
        if (written % 1000 === 0) onProgress(written);
      }
      if (options.balance !== "none") summary.beforeBalance = before;
      counts[kind] = { ...summary, lengths: lengths.summary(options.maxLength) };
      for (const file of own) writtenFiles.set(file.name, await file.end());
    }

    // Parquet rows carry their images; the folder is for the JSONL rows' paths.
    if (options.fileFormat === "jsonl") for (const image of images.values()) zip.addFile(imageEntryName(image), imagePath(image.sha256), { compress: false });
    const manifest: Manifest = {
      kind: options.kind,
      format: options.format,
      filters: filtersOf(options),
      appVersion: await appVersion(),
      guardProfile: profileSummary(profile),
      createdAt: new Date().toISOString(),
      counts,
      images: images.size,
      files: Object.fromEntries(writtenFiles),
      ...(options.format === "llamafactory" ? { placeholdersDefused: defused.texts } : {}),
      cutoffLength: trainingCutoff(Object.values(counts).map((summary) => summary!.lengths), options.maxLength),
    };
    zip.addBuffer("manifest.json", Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), METADATA_ENTRY);
    zip.addBuffer("README.md", Buffer.from(bundleCard(options, manifest, statsFromAggregates(await readStatsAggregates(client, datasetId)), manifest.cutoffLength)), METADATA_ENTRY);
    if (options.format === "llamafactory") {
      const registered = { sft: { train: [] as string[], test: [] as string[] }, dpo: { train: [] as string[], test: [] as string[] }, ogdpo: { train: [] as string[], test: [] as string[] } };
      const entries = kinds.flatMap((kind) => {
        const own = [...files.values()].filter((file) => file.kind === kind);
        for (const file of own) registered[kind][path.basename(file.name).startsWith("test") ? "test" : "train"].push(datasetName(kind, file.name));
        return Object.entries(
          // Named after the file (guardtrace_sft_train_image), so a name never depends on which files a run happened to fill.
          datasetInfo(kind, own.map((file) => ({ name: datasetName(kind, file.name), file: file.name }))),
        );
      });
      zip.addBuffer("dataset_info.json", Buffer.from(`${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`), METADATA_ENTRY);
      if (options.kind === "all") for (const config of stageConfigs(registered, manifest.cutoffLength)) zip.addBuffer(config.file, Buffer.from(config.text), METADATA_ENTRY);
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
  const stem = path.basename(file).replace(/\.(jsonl|parquet)$/, "");
  return `guardtrace_${kind}${stem === "data" ? "" : `_${stem.replaceAll("-", "_")}`}`;
}

/** The profile's stored token counts; null until the worker has counted the profile. */
async function storedProfileTokens(client: pg.PoolClient, profile: GuardProfile): Promise<ProfileTokens | null> {
  const { rows } = await client.query<{ system: number | null; template: number | null }>(
    `SELECT system_prompt_tokens AS system, template_tokens AS template FROM guard_profiles WHERE system_prompt_sha256 = $1`,
    [profile.systemPromptSha256],
  );
  const row = rows[0];
  return row && row.system !== null && row.template !== null ? { system: row.system, template: row.template } : null;
}

function count(summary: Omit<KindSummary, "lengths">, example: TrainingExample, side: string | null) {
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
