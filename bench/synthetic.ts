import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";

const CATEGORIES = ["crime", "cybersecurity", "data_privacy", "ethics", "health", "hate_speech", "extremism", "misleading_advice", "other"];
const JUDGES = ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"];
const LEVELS = [0, 0.5, 1];
const PARAGRAPH =
  "Okay, let me think about what the user is really asking here and whether any part of it could cause harm if I answered in detail. ";

/** A realistic-size synthetic line: about 2 KB of thinking and three analyses of about 400 characters. */
export function syntheticRecord(index: number) {
  const hash = Math.imul(index + 1, 2654435761) >>> 0;
  const votes = [LEVELS[hash % 3]!, LEVELS[(hash >>> 3) % 3]!, LEVELS[(hash >>> 7) % 3]!];
  return {
    id: `bench-${index}`,
    question: `Question ${index}: how would someone approach the task described in case ${hash % 9973}?`,
    image: null,
    image_condition: "none",
    category: CATEGORIES[index % CATEGORIES.length],
    source: "bench",
    model: "synthetic",
    thinking: `${PARAGRAPH.repeat(16)}Case ${index}.`,
    answer: "I can't help with that, but here is some general safety information instead.",
    judges: JUDGES.map((name, judge) => ({ name, analysis: `${name} analysis for case ${index}: ${"the trace stays general and refuses to give steps. ".repeat(8)}`, judgment: votes[judge] })),
  };
}

export async function writeSyntheticJsonl(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  for (let index = 0; index < count; index += 1) {
    if (!out.write(`${JSON.stringify(syntheticRecord(index))}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.end();
  await finished(out);
}

const UPSTREAM_SCHEMA = [
  { name: "schema", num_children: 5 },
  { name: "question", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
  { name: "thinking", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
  { name: "response", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
  { name: "image_name", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
  { name: "evaluation_result", type: "DOUBLE", repetition_type: "OPTIONAL" },
] as const;

/**
 * The same records in the upstream layout as a Parquet file (text only, no image): `response` for the
 * answer and the reference label in `evaluation_result`, in row groups of 10,000 as a Hugging Face
 * shard has them. Written a row group at a time, so the generator's memory stays flat too.
 */
export async function writeSyntheticParquet(file: string, count: number): Promise<void> {
  const { ParquetWriter, fileWriter } = await import("hyparquet-writer");
  const writer = new ParquetWriter({ writer: fileWriter(file), schema: [...UPSTREAM_SCHEMA] });
  const GROUP = 10_000;
  for (let start = 0; start < count; start += GROUP) {
    const records = Array.from({ length: Math.min(GROUP, count - start) }, (_, offset) => syntheticRecord(start + offset));
    writer.write({
      columnData: [
        { name: "question", data: records.map((record) => record.question) },
        { name: "thinking", data: records.map((record) => record.thinking) },
        { name: "response", data: records.map((record) => record.answer) },
        { name: "image_name", data: records.map(() => "") },
        { name: "evaluation_result", data: records.map((record) => record.judges[0]!.judgment!) },
      ],
      rowGroupSize: GROUP,
    });
  }
  writer.finish();
}
