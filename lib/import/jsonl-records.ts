import { createReadStream } from "node:fs";
import { readLines } from "./line-reader";
import type { ReadProgress, SourceRecord } from "./record-source";

/** JSONL: one JSON object per physical line, read through the bounded line reader. */
export async function* jsonlRecords(file: string, size: number, progress: ReadProgress): AsyncGenerator<SourceRecord> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  for await (const line of readLines(stream)) {
    progress.records += 1;
    progress.fraction = size === 0 ? 1 : Math.min(1, stream.bytesRead / size);
    if ("error" in line) {
      yield { position: line.lineNo, error: line.error, raw: () => line.preview };
      continue;
    }
    yield parseObject(line.lineNo, line.text);
  }
}

/** Parses one record's text; anything but a JSON object is refused with a reason. */
export function parseObject(position: number, text: string): SourceRecord {
  const raw = () => text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { position, error: `not valid JSON (${(error as Error).message})`, raw };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { position, error: "must be a JSON object", raw };
  return { position, value: value as Record<string, unknown>, raw };
}
