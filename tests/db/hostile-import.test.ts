import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { seededRandom } from "@/lib/demo/random";
import { importSamples } from "@/lib/services/import/import-samples";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { spawnCli } from "../support/spawn-cli";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  process.env.GTS_IMAGE_DIR = await tempDir("gts-images-");
});
afterAll(async () => database.drop());

async function samples(): Promise<number> {
  return (await pool().query<{ count: number }>(`SELECT count(*)::int AS count FROM samples`)).rows[0]!.count;
}

/** Hostile lines: random bytes, broken and deep JSON, extreme numbers, NUL, invalid UTF-8, wrong types. */
function hostileLine(random: ReturnType<typeof seededRandom>, index: number): Buffer {
  const valid = sampleLine(`fuzz-${index}`);
  const kind = index % 12;
  switch (kind) {
    case 0:
      return Buffer.from(Array.from({ length: 1 + Math.floor(random.next() * 300) }, () => Math.floor(random.next() * 256)).filter((byte) => byte !== 10));
    case 1:
      return Buffer.from(`${"[".repeat(50_000)}${"]".repeat(50_000)}`);
    case 2:
      return Buffer.from(JSON.stringify(valid).replace('"judgment":0.5', '"judgment":1e309'));
    case 3:
      return Buffer.from(JSON.stringify(valid).replace('"judgment":0.5', '"judgment":NaN'));
    case 4:
      return Buffer.from(JSON.stringify(valid).replace('"judgment":0.5', '"judgment":-Infinity'));
    case 5:
      return Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('"}')]);
    case 6:
      return Buffer.from(JSON.stringify({ ...valid, question: `a\u0000b` }));
    case 7:
      return Buffer.from(JSON.stringify({ ...valid, judges: "three" }));
    case 8:
      return Buffer.from(JSON.stringify({ ...valid, meta: JSON.parse(`${'{"a":'.repeat(2000)}1${"}".repeat(2000)}`) }));
    case 9:
      return Buffer.from(JSON.stringify({ ...valid, id: { $gt: "" } }));
    case 10:
      return Buffer.from(`${JSON.stringify(valid).slice(0, -1)},"__proto__":{"polluted":true}}`);
    default:
      return Buffer.from(JSON.stringify(valid));
  }
}

describe("hostile imports", () => {
  it("ends every hostile line in a clear error, never a crash, and imports the valid ones", async () => {
    const random = seededRandom(99);
    const dir = await tempDir();
    const lines = Array.from({ length: 240 }, (_, index) => hostileLine(random, index));
    const file = await writeJsonl(dir, "fuzz.jsonl", lines);
    const atomic = await importSamples({ actor: CLI_ACTOR, file });
    expect(atomic.committed).toBe(false);
    expect(await samples()).toBe(0);
    const lenient = await importSamples({ actor: CLI_ACTOR, file, skipInvalid: true });
    expect(lenient.committed).toBe(true);
    const validCount = lines.filter((_, index) => index % 12 === 11).length;
    expect(lenient.imported).toBe(validCount);
    expect(lenient.rejected).toHaveLength(240 - validCount);
    for (const rejection of lenient.rejected) {
      expect(rejection.reason.length).toBeGreaterThan(3);
      expect(rejection.reason).not.toMatch(/TypeError|undefined is not|Cannot read/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await samples()).toBe(validCount);
  }, 60_000);

  it("refuses a 100 MB single line without holding it, quickly", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "huge.jsonl");
    const out = createWriteStream(file);
    out.write('{"id": "huge", "question": "');
    const chunk = "a".repeat(1024 * 1024);
    for (let index = 0; index < 100; index += 1) if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    out.end('"}\n' + JSON.stringify(sampleLine("after-huge")) + "\n");
    await finished(out);
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const summary = await importSamples({ actor: CLI_ACTOR, file, dataset: "huge", skipInvalid: true });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(summary.rejected).toEqual([{ line: 1, reason: "line is longer than 16777216 bytes" }]);
    expect(summary.imported).toBe(1);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    await fs.rm(dir, { recursive: true });
  }, 60_000);

  it("writes nothing when an import is killed midway", async () => {
    const dir = await tempDir();
    const file = await writeJsonl(dir, "big.jsonl", Array.from({ length: 30_000 }, (_, index) => sampleLine(`kill-${index}`, { thinking: "t".repeat(400) })));
    const child = spawnCli(["import", file, "--dataset", "killed"], { DATABASE_URL: database.url, LOG_LEVEL: "warn" });
    // Kill once the import's transaction has started writing batches.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await pool().query<{ running: number }>(`SELECT count(*)::int AS running FROM pg_stat_activity WHERE datname = current_database() AND (query ILIKE 'COPY samples%' OR query ILIKE 'INSERT INTO queue_items%')`);
      if (rows[0]!.running > 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.child.kill("SIGKILL");
    await child.exited;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { rows } = await pool().query<{ count: number }>(`SELECT count(*)::int AS count FROM samples s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = 'killed'`);
    expect(rows[0]!.count).toBe(0);
    expect((await pool().query(`SELECT 1 FROM datasets WHERE name = 'killed'`)).rowCount).toBe(0);
  }, 60_000);
});
