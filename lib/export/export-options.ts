import { z } from "zod";
import { optionalParam as optional } from "../validation";
import { CATEGORIES, IMAGE_CONDITIONS } from "../import/record-schema";

export const EXPORT_KINDS = ["sft", "dpo", "ogdpo", "all"] as const;
export const EXPORT_FORMATS = ["trl", "llamafactory"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExampleKind = Exclude<ExportKind, "all">;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** TRL SFT rows: prompt/completion (the loss on the verdict only) or one `messages` conversation. */
export const SFT_STYLES = ["prompt-completion", "messages"] as const;
export type SftStyle = (typeof SFT_STYLES)[number];
/**
 * Image and text-only rows in one file (`mixed`), in files of their own (`separate`: some setups, such as
 * Qwen2-VL under DeepSpeed ZeRO-3 in LLaMA-Factory, hang on mixed batches), or only one of them.
 */
export const MODALITIES = ["mixed", "separate", "text-only", "image-only"] as const;
export type Modality = (typeof MODALITIES)[number];
/** Data files as JSONL (with an images/ folder), or as Parquet with the images embedded. */
export const FILE_FORMATS = ["jsonl", "parquet"] as const;
/** `downsample`: every label keeps as many rows as the rarest one, as the paper's balanced dataset does. */
export const BALANCES = ["none", "downsample"] as const;


/** What to export: one schema for the Export page, `POST /api/v1/exports` and `gts export`. */
export const exportOptionsSchema = z
  .strictObject({
    kind: z.enum(EXPORT_KINDS),
    format: z.enum(EXPORT_FORMATS),
    dataset: optional(z.string().trim().min(1).max(200)),
    category: optional(z.enum(CATEGORIES)),
    imageCondition: optional(z.enum(IMAGE_CONDITIONS)),
    /** Import date for SFT and DPO, decision date for OGDPO; ISO dates, `to` exclusive. */
    from: optional(z.iso.date()),
    to: optional(z.iso.date()),
    /** The test share, e.g. 0.1: leak-free by question text, stratified by label and source. */
    split: optional(z.coerce.number({ error: "must be a number" }).gt(0, "must be above 0").lt(1, "must be below 1")),
    pairs: z.enum(["first", "all"]).default("first"),
    /** SFT also takes samples an expert decided, with the expert-backed verdict. */
    includeExpertConfirmed: z.boolean().default(false),
    sftStyle: z.enum(SFT_STYLES).default("prompt-completion"),
    modality: z.enum(MODALITIES).default("mixed"),
    balance: z.enum(BALANCES).default("none"),
    fileFormat: z.enum(FILE_FORMATS).default("jsonl"),
    /** Tokens a row may have; the upstream evaluation truncates at 8,192. */
    maxLength: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(256, "must be at least 256")
      .max(1_048_576, "must be at most 1,048,576")
      .default(8192),
    /** Rows longer than maxLength: kept (the trainer truncates them) or left out. */
    overLength: z.enum(["keep", "drop"]).default("keep"),
  })
  .refine((options) => !options.from || !options.to || options.from < options.to, { path: ["to"], message: "must come after from" });

export type ExportOptions = z.infer<typeof exportOptionsSchema>;

export function kindsOf(kind: ExportKind): ExampleKind[] {
  return kind === "all" ? ["sft", "dpo", "ogdpo"] : [kind];
}

/** The SQL condition (on samples `s`) that a text-only or image-only export adds; none otherwise. */
export function modalityCondition(modality: Modality): string {
  return modality === "text-only" ? "AND s.image_sha256 IS NULL" : modality === "image-only" ? "AND s.image_sha256 IS NOT NULL" : "";
}
