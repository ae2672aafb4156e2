import { execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { ZipWriter } from "@/lib/export/zip-writer";
import { tempDir } from "../support/fixtures";
import { readZipEntries } from "../support/read-zip";

async function writeSampleZip(file: string, options: { forceZip64?: boolean } = {}) {
  const dir = path.dirname(file);
  const onDisk = path.join(dir, "on-disk.bin");
  const fileBytes = Buffer.from(Array.from({ length: 70_000 }, (_, index) => (index * 7919) % 256));
  await fs.writeFile(onDisk, fileBytes);
  const streamed = Array.from({ length: 3000 }, (_, index) => `{"row":${index},"text":"línea ${index} — ✓"}\n`).join("");
  const zip = new ZipWriter(createWriteStream(file), options);
  const source = new PassThrough();
  zip.addStream("data/streamed.jsonl", source, { compress: true });
  zip.addFile("images/on-disk.bin", onDisk, { compress: false });
  zip.addBuffer("manifest.json", Buffer.from('{"ok":true}\n'), { compress: true });
  zip.addBuffer("empty.txt", Buffer.alloc(0), { compress: true });
  // The streamed entry's data arrives after it was added, in pieces, as the export writes it.
  for (let at = 0; at < streamed.length; at += 10_000) source.write(streamed.slice(at, at + 10_000));
  source.end();
  await zip.end();
  return { streamed: Buffer.from(streamed), fileBytes };
}

describe("ZipWriter", () => {
  it.each([
    ["plain records", {}],
    ["ZIP64 records", { forceZip64: true }],
  ])("writes stored and deflated entries that a reader gets back byte for byte, with their CRC (%s)", async (_label, options) => {
    const dir = await tempDir();
    const file = path.join(dir, "bundle.zip");
    const { streamed, fileBytes } = await writeSampleZip(file, options);
    const entries = await readZipEntries(file);
    expect([...entries.keys()]).toEqual(["data/streamed.jsonl", "images/on-disk.bin", "manifest.json", "empty.txt"]);
    const expected: Record<string, Buffer> = {
      "data/streamed.jsonl": streamed,
      "images/on-disk.bin": fileBytes,
      "manifest.json": Buffer.from('{"ok":true}\n'),
      "empty.txt": Buffer.alloc(0),
    };
    for (const [name, entry] of entries) {
      expect(entry.data.equals(expected[name]!)).toBe(true);
      expect(entry.crc32).toBe(zlib.crc32(expected[name]!));
    }
    expect(entries.get("data/streamed.jsonl")!.compressionMethod).toBe(8);
    expect(entries.get("images/on-disk.bin")!.compressionMethod).toBe(0);
    // Another implementation agrees: Python's zipfile checks every CRC as it reads (when Python is there).
    const python = await fs.access("/usr/bin/python3").then(() => "/usr/bin/python3").catch(() => null);
    if (python) {
      const listing = execFileSync(python, ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(*[i.file_size for i in z.infolist()])", file]);
      expect(listing.toString().trim().split("\n")).toEqual(["None", `${streamed.length} ${fileBytes.length} 12 0`]);
    }
  });

  it("fails end() with the source's error, and the producer waiting on it is released", async () => {
    const dir = await tempDir();
    const zip = new ZipWriter(createWriteStream(path.join(dir, "broken.zip")));
    const source = new Readable({
      read() {
        this.destroy(new Error("the cursor died"));
      },
    });
    zip.addStream("data.jsonl", source, { compress: true });
    await expect(zip.end()).rejects.toThrow("the cursor died");
    await expect(zip.failure).rejects.toThrow("the cursor died");
  });
});
