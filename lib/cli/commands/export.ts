import path from "node:path";
import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { executeExport } from "../../export/export-job";
import { exportOptionsSchema } from "../../export/export-options";
import { loadGuardProfile } from "../../guard/load-guard-profile";
import { ValidationError } from "../../errors";
import { zodFieldErrors } from "../../validation";
import { recordRunningExport } from "../../services/exports/create-export";
import { UsageError } from "../cli-error";

const USAGE =
  "usage: export sft|dpo|ogdpo|all --format trl|llamafactory --out PATH.zip [--dataset NAME] [--category C] [--image-condition I] [--from DATE] [--to DATE] [--split 0.1] [--pairs first|all] [--include-expert-confirmed] [--sft-style prompt-completion|messages] [--modality mixed|separate|text-only|image-only] [--balance none|downsample] [--file-format jsonl|parquet] [--max-length N] [--over-length keep|drop] [--profile FILE.json] [--json]";

/** Exports in this process, straight to --out, and records the export in the history like any other. */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      out: { type: "string" },
      dataset: { type: "string" },
      category: { type: "string" },
      "image-condition": { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      split: { type: "string" },
      pairs: { type: "string" },
      "include-expert-confirmed": { type: "boolean" },
      "sft-style": { type: "string" },
      modality: { type: "string" },
      balance: { type: "string" },
      "file-format": { type: "string" },
      "max-length": { type: "string" },
      "over-length": { type: "string" },
      profile: { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length !== 1 || !values.out) throw new UsageError(USAGE);
  const parsed = exportOptionsSchema.safeParse({
    kind: positionals[0],
    format: values.format,
    dataset: values.dataset,
    category: values.category,
    imageCondition: values["image-condition"],
    from: values.from,
    to: values.to,
    split: values.split,
    pairs: values.pairs,
    includeExpertConfirmed: values["include-expert-confirmed"] ?? false,
    sftStyle: values["sft-style"],
    modality: values.modality,
    balance: values.balance,
    fileFormat: values["file-format"],
    maxLength: values["max-length"],
    overLength: values["over-length"],
  });
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  // A bad profile stops here, before an export is recorded.
  const profile = await loadGuardProfile(values.profile ?? process.env.GUARD_PROFILE_FILE);
  const started = performance.now();
  const record = await recordRunningExport(CLI_ACTOR, parsed.data);
  const out = path.resolve(values.out);
  const manifest = await executeExport(record.id, out, profile);
  const total = Object.values(manifest.counts).reduce((sum, summary) => sum + (summary?.rows ?? 0), 0);
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ id: record.id, out, rows: total, images: manifest.images, guardProfile: { name: profile.name, systemPromptSha256: profile.systemPromptSha256 }, seconds: Number(seconds.toFixed(3)) })}\n`);
  }
  process.stderr.write(`wrote ${out}: ${total} rows, ${manifest.images} images in ${seconds.toFixed(2)} s (${Math.round(total / Math.max(seconds, 0.001))} rows/s)\n`);
  return 0;
}
