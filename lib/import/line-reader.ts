import type { Readable } from "node:stream";

export type PhysicalLine =
  | { lineNo: number; text: string }
  | { lineNo: number; error: string; preview: string };

export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into physical lines (1-based), with bounded memory: a line longer than
 * `maxLineBytes` is reported and skipped without being kept. Accepts a UTF-8 BOM on the first line and
 * CRLF endings; reports invalid UTF-8. Blank lines are skipped but still counted.
 */
export async function* readLines(stream: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<PhysicalLine> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let pieces: Buffer[] = [];
  let length = 0;
  let overflow = false;
  let lineNo = 0;

  const finishLine = (): PhysicalLine | null => {
    lineNo += 1;
    if (overflow) {
      const result = { lineNo, error: `line is longer than ${maxLineBytes} bytes`, preview: "" };
      pieces = [];
      length = 0;
      overflow = false;
      return result;
    }
    let bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, length);
    pieces = [];
    length = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN) bytes = bytes.subarray(0, bytes.length - 1);
    if (lineNo === 1 && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      bytes = bytes.subarray(3);
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return { lineNo, error: "not valid UTF-8", preview: bytes.subarray(0, 200).toString("utf8") };
    }
    return text.trim() === "" ? null : { lineNo, text };
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      if (end > start && !overflow) {
        if (length + (end - start) > maxLineBytes) {
          overflow = true;
          pieces = [];
          length = 0;
        } else {
          // Copy: the stream may reuse its chunk buffers.
          pieces.push(Buffer.from(chunk.subarray(start, end)));
          length += end - start;
        }
      }
      if (newline === -1) break;
      const line = finishLine();
      if (line) yield line;
      start = newline + 1;
    }
  }
  if (length > 0 || overflow) {
    const line = finishLine();
    if (line) yield line;
  }
}
