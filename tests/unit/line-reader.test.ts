import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readLines, type PhysicalLine } from "@/lib/import/line-reader";

async function collect(chunks: (string | Buffer)[], maxLineBytes?: number): Promise<PhysicalLine[]> {
  const stream = Readable.from(chunks.map((chunk) => (typeof chunk === "string" ? Buffer.from(chunk) : chunk)));
  const lines: PhysicalLine[] = [];
  for await (const line of readLines(stream, maxLineBytes)) lines.push(line);
  return lines;
}

describe("readLines", () => {
  it("numbers physical lines, skipping blank ones, with CRLF and a BOM", async () => {
    const lines = await collect(["\uFEFF{\"a\":1}\r\n\r\n", "  \n{\"b\":", "2}\r\n{\"c\":3}"]);
    expect(lines).toEqual([
      { lineNo: 1, text: '{"a":1}' },
      { lineNo: 4, text: '{"b":2}' },
      { lineNo: 5, text: '{"c":3}' },
    ]);
  });

  it("keeps a BOM that is not at the start of the file", async () => {
    const [, second] = await collect(["x\n\uFEFFy\n"]);
    expect(second).toEqual({ lineNo: 2, text: "\uFEFFy" });
  });

  it("reports invalid UTF-8 on its line and goes on", async () => {
    const lines = await collect([Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), "ok\n"]);
    expect(lines[0]).toMatchObject({ lineNo: 1, error: "not valid UTF-8" });
    expect(lines[1]).toEqual({ lineNo: 2, text: "ok" });
  });

  it("decodes a multi-byte character split across chunks", async () => {
    const bytes = Buffer.from("é\n");
    const lines = await collect([bytes.subarray(0, 1), bytes.subarray(1)]);
    expect(lines).toEqual([{ lineNo: 1, text: "é" }]);
  });

  it("refuses an over-long line without keeping it, and keeps counting", async () => {
    const lines = await collect(["short\n", "x".repeat(40), "y".repeat(40), "\nafter\n"], 64);
    expect(lines).toEqual([
      { lineNo: 1, text: "short" },
      { lineNo: 2, error: "line is longer than 64 bytes", preview: "" },
      { lineNo: 3, text: "after" },
    ]);
  });
});
