import fs from "node:fs/promises";

export const IMPORT_FORMATS = ["jsonl", "json-array", "parquet"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One record of an input file, before any mapping. `position` is the 1-based physical line of a JSONL
 * file, or the record's 1-based index in a JSON array or a Parquet file. `raw` is the record as text,
 * for the rejects file.
 */
export type SourceRecord =
  | { position: number; value: Record<string, unknown>; raw: () => string }
  | { position: number; error: string; raw: () => string };

/** Records read so far and the share of the input behind them, for a progress bar. */
export type ReadProgress = { records: number; fraction: number };

const PARQUET_MAGIC = "PAR1";

/**
 * Tells the format from the bytes, not the name: Parquet opens with `PAR1`, a JSON array with `[` (after
 * an optional BOM and white space); anything else is read as JSONL, which reports its own errors.
 */
export async function detectFormat(file: string): Promise<ImportFormat> {
  const handle = await fs.open(file, "r");
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes.subarray(0, 4).toString("latin1") === PARQUET_MAGIC) return "parquet";
    const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
    return text.trimStart().startsWith("[") ? "json-array" : "jsonl";
  } finally {
    await handle.close();
  }
}

/** What a `line N` means in each format, for the one line of explanation printed above the reasons. */
export function positionNoun(format: ImportFormat): string {
  return format === "jsonl" ? "the physical line of the file" : `the record's 1-based position in the ${format === "parquet" ? "Parquet file" : "JSON array"}`;
}
