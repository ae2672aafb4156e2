import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jsonArrayRecords } from "@/lib/import/json-array-records";
import { detectFormat, type SourceRecord } from "@/lib/import/record-source";
import { tempDir } from "../support/fixtures";

async function read(content: string | Buffer, maxRecordBytes?: number) {
  const file = path.join(await tempDir(), "records.json");
  await fs.writeFile(file, content);
  const records: SourceRecord[] = [];
  for await (const record of jsonArrayRecords(file, (await fs.stat(file)).size, { records: 0, fraction: 0 }, maxRecordBytes)) records.push(record);
  return records.map((record) => ("error" in record ? { position: record.position, error: record.error } : { position: record.position, value: record.value }));
}

describe("JSON array records", () => {
  it("splits a pretty-printed array into its objects, whatever brackets, commas and escapes their strings hold", async () => {
    const items = [{ a: "x, ] } [ {", b: [1, { c: "\\\"]" }] }, { text: "line\nbreak \u2028 中文" }, {}];
    expect(await read(`\uFEFF  ${JSON.stringify(items, null, 2)}\n`)).toEqual(items.map((value, index) => ({ position: index + 1, value })));
    expect(await read("[]")).toEqual([]);
  });

  it("reports a broken record by its position and reads on", async () => {
    const records = await read('[{"a": 1}, {"b": }, 7, {"c": 3}]');
    expect(records).toEqual([
      { position: 1, value: { a: 1 } },
      { position: 2, error: expect.stringMatching(/^not valid JSON/) },
      { position: 3, error: "must be a JSON object" },
      { position: 4, value: { c: 3 } },
    ]);
  });

  it("refuses what is not an array, an array that is not closed, and text after it", async () => {
    expect(await read('{"a": 1}')).toEqual([{ position: 1, error: "the file is not a JSON array (it does not open with '[')" }]);
    expect(await read('[{"a": 1}, {"b": 2')).toEqual([
      { position: 1, value: { a: 1 } },
      { position: 2, error: "the file ends inside this record (the array is not closed)" },
    ]);
    expect(await read('[{"a": 1}] trailing')).toEqual([{ position: 1, value: { a: 1 } }, { position: 2, error: "there is text after the array's closing ']'" }]);
    expect(await read("")).toEqual([{ position: 1, error: "the file is empty: a JSON array needs at least '[]'" }]);
  });

  it("skips a record over the size limit without keeping it, and reports invalid UTF-8", async () => {
    const records = await read(`[{"big": "${"x".repeat(200)}"}, {"ok": 1}]`, 100);
    expect(records).toEqual([{ position: 1, error: "record is longer than 100 bytes" }, { position: 2, value: { ok: 1 } }]);
    const broken = Buffer.concat([Buffer.from('[{"a": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]')]);
    expect(await read(broken)).toEqual([{ position: 1, error: "not valid UTF-8" }]);
  });

  it("tells the formats apart by their bytes", async () => {
    const dir = await tempDir();
    const write = async (name: string, content: string) => {
      await fs.writeFile(path.join(dir, name), content);
      return path.join(dir, name);
    };
    expect(await detectFormat(await write("a.jsonl", '{"id": 1}\n'))).toBe("jsonl");
    expect(await detectFormat(await write("b.jsonl", '\uFEFF\n  [{"id": 1}]'))).toBe("json-array");
    expect(await detectFormat(await write("c.bin", "PAR1...."))).toBe("parquet");
  });
});
