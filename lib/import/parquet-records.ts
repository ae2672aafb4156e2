import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type FileMetaData } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import type { ReadProgress, SourceRecord } from "./record-source";

/**
 * A Parquet file (a Hugging Face dataset shard), read one row group at a time so memory follows the
 * row group, not the file. Byte columns stay bytes (`utf8: false`): an image embedded the Hugging Face
 * way is a `{bytes, path}` struct, and its bytes must not be decoded as text. 64-bit integers become
 * numbers when they fit.
 */
export async function* parquetRecords(file: string, progress: ReadProgress): AsyncGenerator<SourceRecord> {
  const buffer = await asyncBufferFromFile(file);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    yield { position: 1, error: `not a readable Parquet file (${(error as Error).message})`, raw: () => "" };
    return;
  }
  const total = Number(metadata.num_rows);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, utf8: false, compressors });
    for (const [index, row] of rows.entries()) {
      const value = plain(row) as Record<string, unknown>;
      const position = rowStart + index + 1;
      progress.records = position;
      progress.fraction = total === 0 ? 1 : position / total;
      yield { position, value, raw: () => JSON.stringify(value, bytesAsSize) };
    }
    rowStart = rowEnd;
  }
}

/** Bytes as a Buffer, 64-bit integers as numbers where exact; everything else as it came. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, plain(member)]));
  }
  return value;
}

/** The rejects file names embedded bytes by size instead of dumping them. */
function bytesAsSize(this: unknown, _key: string, value: unknown): unknown {
  if (value && typeof value === "object" && (value as { type?: string }).type === "Buffer") {
    return { bytes: `<${((value as { data: unknown[] }).data ?? []).length} bytes>` };
  }
  return value;
}
