import { createReadStream } from "node:fs";
import { parseObject } from "./jsonl-records";
import { MAX_LINE_BYTES } from "./line-reader";
import type { ReadProgress, SourceRecord } from "./record-source";

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/**
 * A JSON array of objects (the upstream evaluation layout), one element at a time with bounded memory.
 * Only the element boundaries are found here, by tracking strings and nesting byte by byte; each element
 * is then parsed by `JSON.parse`, exactly like a JSONL line, so a broken record is reported on its own
 * and the rest of the file still reads. An element over `maxRecordBytes` is reported and skipped.
 */
export async function* jsonArrayRecords(
  file: string,
  size: number,
  progress: ReadProgress,
  maxRecordBytes = MAX_LINE_BYTES,
): AsyncGenerator<SourceRecord> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let state: "start" | "first" | "next" | "element" | "after" | "done" = "start";
  let offset = 0;
  let position = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pieces: Buffer[] = [];
  let length = 0;
  let overflow = false;

  const keep = (chunk: Buffer, from: number, to: number) => {
    if (to <= from || overflow) return;
    if (length + (to - from) > maxRecordBytes) {
      overflow = true;
      pieces = [];
      length = 0;
      return;
    }
    // Copy: the stream may reuse its chunk buffers.
    pieces.push(Buffer.from(chunk.subarray(from, to)));
    length += to - from;
  };
  const finish = (): SourceRecord => {
    position += 1;
    progress.records = position;
    const at = position;
    if (overflow) {
      overflow = false;
      return { position: at, error: `record is longer than ${maxRecordBytes} bytes`, raw: () => "" };
    }
    const bytes = Buffer.concat(pieces, length);
    pieces = [];
    length = 0;
    try {
      return parseObject(at, decoder.decode(bytes));
    } catch {
      const preview = bytes.subarray(0, 200).toString("utf8");
      return { position: at, error: "not valid UTF-8", raw: () => preview };
    }
  };
  const structural = (reason: string): SourceRecord => ({ position: position + 1, error: reason, raw: () => "" });

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let index = 0;
    if (offset === 0 && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) index = 3;
    offset += chunk.length;
    progress.fraction = size === 0 ? 1 : Math.min(1, offset / size);
    let elementStart = -1;
    for (; index < chunk.length; index += 1) {
      const byte = chunk[index]!;
      if (state === "element") {
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) inString = false;
          continue;
        }
        if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1;
        else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && depth > 0) depth -= 1;
        else if (depth === 0 && (byte === COMMA || byte === CLOSE_BRACKET)) {
          keep(chunk, Math.max(elementStart, 0), index);
          elementStart = -1;
          yield finish();
          state = byte === COMMA ? "next" : "after";
        }
        continue;
      }
      if (isSpace(byte)) continue;
      if (state === "start") {
        if (byte !== OPEN_BRACKET) {
          yield structural("the file is not a JSON array (it does not open with '[')");
          return;
        }
        state = "first";
      } else if (state === "first" && byte === CLOSE_BRACKET) {
        state = "after";
      } else if (state === "first" || state === "next") {
        if (byte === CLOSE_BRACKET) {
          yield structural("a comma is followed by the closing ']' (no record there)");
          state = "after";
          continue;
        }
        state = "element";
        depth = 0;
        elementStart = index;
        index -= 1; // read this byte again as the element's first
      } else if (state === "after") {
        yield structural("there is text after the array's closing ']'");
        state = "done";
      }
    }
    if (state === "element") keep(chunk, Math.max(elementStart, 0), chunk.length);
  }
  if (state === "start") yield structural("the file is empty: a JSON array needs at least '[]'");
  else if (state === "element") {
    const record = finish();
    yield { position: record.position, error: "the file ends inside this record (the array is not closed)", raw: record.raw };
  } else if (state === "first" || state === "next") yield structural("the file ends before the array's closing ']'");
}
