import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { PassThrough, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { fileWriter, ParquetWriter } from "hyparquet-writer";
import { readImage } from "../images/image-store";
import type { ExampleKind } from "./export-options";
import type { parquetLayout } from "./parquet-layout";
import type { ZipWriter } from "./zip-writer";

/** One data file of a bundle: rows go in, and at the end it is in the zip with its hash, size and row count. */
export type DataSink = {
  readonly name: string;
  readonly kind: ExampleKind;
  readonly rows: number;
  write(row: Record<string, unknown>): Promise<void>;
  /** Closes the file and adds it to the zip (a temporary file at the end; a stream has been going in all along). */
  end(): Promise<{ sha256: string; bytes: number; rows: number }>;
};

const DATA_ENTRY = { compress: true } as const;
/**
 * JSONL lines are written in chunks of about this many characters: one line at a time, every line would
 * make its own trip through the zip's checksum, deflate (on the thread pool) and output stages.
 */
const CHUNK_CHARS = 256 * 1024;

/**
 * JSONL: straight into the zip when `temp` is null (the train or only file, compressed on the thread pool
 * while the next rows are read), or into a temporary file added when the kind is done (the test split,
 * which fills at the same time). `failure` rejects if the zip fails, so a dead output never leaves us
 * waiting for a drain. `line` serializes a row without its line break.
 */
export function jsonlSink(zip: ZipWriter, name: string, kind: ExampleKind, temp: string | null, line: (row: Record<string, unknown>) => string): DataSink {
  const sink: Writable = temp === null ? new PassThrough({ highWaterMark: 1 << 20 }) : createWriteStream(temp);
  if (sink instanceof PassThrough) zip.addStream(name, sink, DATA_ENTRY);
  const hash: Hash = createHash("sha256");
  let pending = "";
  let bytes = 0;
  let rows = 0;
  const flush = async () => {
    if (pending === "") return;
    const chunk = Buffer.from(pending);
    pending = "";
    hash.update(chunk);
    bytes += chunk.length;
    if (!sink.write(chunk)) await Promise.race([once(sink, "drain"), zip.failure]);
  };
  return {
    name,
    kind,
    get rows() {
      return rows;
    },
    async write(row) {
      pending += `${line(row)}\n`;
      rows += 1;
      if (pending.length >= CHUNK_CHARS) await flush();
    },
    async end() {
      await flush();
      sink.end();
      if (temp !== null) {
        await finished(sink);
        zip.addFile(name, temp, DATA_ENTRY);
      }
      return { sha256: hash.digest("hex"), bytes, rows };
    },
  };
}

const GROUP_ROWS = 1000;
const GROUP_IMAGE_BYTES = 32 * 1024 * 1024;
const IMAGE_PATH = /^images\/([0-9a-f]{64})\.[a-z]+$/;

/**
 * Parquet, with Hugging Face's features in the metadata and each image embedded as a `{bytes, path}`
 * struct. Rows are held only until a row group is full (1,000 rows or 32 MiB of images), so memory
 * stays flat; the file is written to `temp` and added to the zip (already compressed: stored) at the end.
 */
export function parquetSink(zip: ZipWriter, name: string, kind: ExampleKind, temp: string, layout: ReturnType<typeof parquetLayout>): DataSink {
  const writer = new ParquetWriter({
    writer: fileWriter(temp),
    schema: layout.schema as never,
    kvMetadata: [{ key: "huggingface", value: JSON.stringify({ info: { features: layout.features } }) }],
    createdBy: "guardtrace-studio",
  });
  let group: unknown[][] = layout.columns.map(() => []);
  let groupRows = 0;
  let groupImageBytes = 0;
  let rows = 0;
  const flush = () => {
    if (groupRows === 0) return;
    writer.write({ columnData: layout.columns.map((column, index) => ({ name: column, data: group[index]! })), rowGroupSize: groupRows });
    group = layout.columns.map(() => []);
    groupRows = 0;
    groupImageBytes = 0;
  };
  return {
    name,
    kind,
    get rows() {
      return rows;
    },
    async write(row) {
      const images = await Promise.all(
        (row.images as string[]).map(async (entry) => {
          const sha = IMAGE_PATH.exec(entry)?.[1];
          const data = sha ? await readImage(sha) : null;
          if (!data) throw new Error(`image ${entry} is missing from the image store`);
          groupImageBytes += data.length;
          return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), path: entry.slice("images/".length) };
        }),
      );
      layout.columns.forEach((column, index) => group[index]!.push(column === "images" ? images : row[column]));
      groupRows += 1;
      rows += 1;
      if (groupRows >= GROUP_ROWS || groupImageBytes >= GROUP_IMAGE_BYTES) flush();
    },
    async end() {
      flush();
      writer.finish();
      const hash = createHash("sha256");
      let bytes = 0;
      for await (const chunk of createReadStream(temp) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        bytes += chunk.length;
      }
      zip.addFile(name, temp, { compress: false });
      return { sha256: hash.digest("hex"), bytes, rows };
    },
  };
}
