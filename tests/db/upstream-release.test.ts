import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { importLayoutSchema } from "@/lib/import/import-layout-schema";
import { importSamples } from "@/lib/services/import/import-samples";
import { importPrelabels } from "@/lib/services/prelabel/import-prelabels";
import { getDatasetStats } from "@/lib/services/stats/get-dataset-stats";
import { tempDir } from "../support/fixtures";
import { runCli } from "../support/run-cli";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { HAND_COMPUTED, writeUpstreamRelease } from "../support/upstream-release";

let database: TestDatabase;
let release: Awaited<ReturnType<typeof writeUpstreamRelease>>;
const guardtrace = (source: string) => importLayoutSchema.parse({ layout: "guardtrace", source });

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.GTS_IMAGE_DIR = await tempDir("gts-images-");
  release = await writeUpstreamRelease(await tempDir("gts-release-"));
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  await pool().query("TRUNCATE samples, datasets, images, import_runs, prelabels CASCADE");
});

/** Everything an import decides about a sample, in a stable order. */
async function samplesOf(dataset: string) {
  const { rows } = await pool().query(
    `SELECT s.external_id, s.question, s.thinking, s.answer, s.category::text, s.image_condition::text, s.source, s.image_sha256,
            s.image_name, s.route::text, s.reference_judgment::text AS reference, s.reference_source, s.judges, s.content_hash, s.meta
       FROM samples s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = $1 ORDER BY s.external_id`,
    [dataset],
  );
  return rows;
}

async function importBoth(kind: "file" | "parquet", dataset: string) {
  for (const benchmark of release.benchmarks) {
    const summary = await importSamples({ actor: CLI_ACTOR, file: benchmark[kind], dataset, layout: guardtrace(benchmark.source), imageDir: release.imageDir });
    expect(summary.rejected).toEqual([]);
  }
}

describe("the upstream GuardTrace-VL release", () => {
  it("imports the JSON arrays with a separate image folder and the Parquet shards with embedded images to identical samples", async () => {
    await importBoth("file", "from-json");
    await importBoth("parquet", "from-parquet");
    const fromJson = await samplesOf("from-json");
    expect(fromJson).toHaveLength(10);
    expect(await samplesOf("from-parquet")).toEqual(fromJson);

    const seval = fromJson.filter((sample) => sample.source === "S-Eval-VL");
    expect(seval.map((sample) => sample.reference).sort()).toEqual(["0", "0", "0.5", "1", "1"]);
    expect(fromJson.every((sample) => sample.route === "reference" && sample.category === "other" && sample.reference_source === "evaluation_result")).toBe(true);
    // An empty image_name is no image; a named one is an image of unrecorded condition.
    const byImage = Object.fromEntries(fromJson.map((sample) => [sample.question, [sample.image_condition, sample.image_name, sample.image_sha256 !== null]]));
    expect(byImage["Describe the picture."]).toEqual(["unknown", "seval_003.png", true]);
    expect(byImage["Is this mushroom edible? 这是什么蘑菇？"]).toEqual(["none", null, false]);
    expect(fromJson.every((sample) => /^gt-[0-9a-f]{24}$/.test(sample.external_id))).toBe(true);
    // Reference samples have no judges to adjudicate between: nothing is queued.
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM queue_items`);
    expect(rows[0].n).toBe(0);
  });

  it("changes nothing when either layout is imported again, or the other layout on top", async () => {
    await importBoth("file", "release");
    const before = await samplesOf("release");
    for (const kind of ["file", "parquet"] as const) {
      for (const benchmark of release.benchmarks) {
        const summary = await importSamples({ actor: CLI_ACTOR, file: benchmark[kind], dataset: "release", layout: guardtrace(benchmark.source), imageDir: release.imageDir });
        expect(summary).toMatchObject({ imported: 0, updated: 0, unchanged: 5, rejected: [] });
      }
    }
    expect(await samplesOf("release")).toEqual(before);
  });

  it("imports the evaluation script's output as pre-labels and reproduces the hand-computed F1 table", async () => {
    await importBoth("file", "release");
    const input = { file: release.evaluationOutput, dataset: "release", model: "GuardTrace-VL-3B", version: "release" };
    const summary = await importPrelabels(CLI_ACTOR, input);
    expect(summary.imported).toBe(8);
    expect(summary.unchanged).toBe(0);
    // Records are numbered by their position in the array: 9 failed to run, 10 has no verdict, 11 is not in the dataset.
    expect(summary.unparseable).toEqual([
      { line: 9, reason: expect.stringMatching(/^the evaluation failed: .*CUDA out of memory/) },
      { line: 10, reason: 'no "Judgment" line in the guard output' },
    ]);
    expect(summary.unmatched).toEqual([{ line: 11, reason: "no sample in the dataset has this question, thinking and answer" }]);
    expect(await importPrelabels(CLI_ACTOR, input)).toMatchObject({ imported: 0, unchanged: 8 });

    const stats = await getDatasetStats(CLI_ACTOR, { dataset: "release" });
    const rows = stats.evaluation.vs_reference;
    expect(rows.map((row) => row.source)).toEqual(["MM-Eval", "S-Eval-VL", "all"]);
    for (const row of rows) {
      const expected = HAND_COMPUTED[row.source as keyof typeof HAND_COMPUTED];
      expect(row).toMatchObject({ model: "GuardTrace-VL-3B", version: "release", n: expected.n });
      expect(row.f1).toBeCloseTo(expected.f1, 9);
      expect(row.macro_f1).toBeCloseTo(expected.macro_f1, 9);
      expect(row.accuracy).toBeCloseTo(expected.accuracy, 9);
    }
    expect(stats.evaluation.vs_expert).toEqual([]);
    expect(stats.routing.reference).toBe(10);
  });

  it("matches by content when the evaluation re-flowed the text, and by image name among samples with the same text", async () => {
    const dir = await tempDir();
    const items = [
      { question: "Same words.", thinking: "Same trace.", response: "Same answer.", image_name: "seval_001.png", evaluation_result: 1 },
      { question: "Same words.", thinking: "Same trace.", response: "Same answer.", image_name: "seval_002.png", evaluation_result: 0 },
    ];
    const file = path.join(dir, "twins.json");
    await fs.writeFile(file, JSON.stringify(items));
    await importSamples({ actor: CLI_ACTOR, file, dataset: "twins", layout: guardtrace("S-Eval-VL"), imageDir: release.imageDir });
    const output = path.join(dir, "out.json");
    const reply = (level: number) => `"Analysis": checked.\n"Judgment": ${level}`;
    await fs.writeFile(
      output,
      JSON.stringify([
        { image_name: "seval_002.png", query: " Same  words.\r\n", thinking: "Same trace.", response: "Same answer.", eval_result: reply(0.5) },
        { image_name: "", query: "Same words.", thinking: "Same trace.", response: "Same answer.", eval_result: reply(1) },
      ]),
    );
    const summary = await importPrelabels(CLI_ACTOR, { file: output, dataset: "twins", model: "g", version: "1" });
    expect(summary.imported).toBe(1);
    expect(summary.unmatched).toEqual([{ line: 2, reason: "no sample with this text has the image '(none)'" }]);
    const { rows } = await pool().query(`SELECT s.image_name, p.judgment::text, p.origin FROM prelabels p JOIN samples s ON s.id = p.sample_id`);
    expect(rows).toEqual([{ image_name: "seval_002.png", judgment: "0.5", origin: "evaluation" }]);
  });

  it("takes the flags on the command line and prints the pre-label summary as one JSON object", async () => {
    const [seval] = release.benchmarks;
    const imported = await runCli(["import", seval!.parquet, "--layout", "guardtrace", "--source", "S-Eval-VL", "--dataset", "cli", "--json"], cli());
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 5, rejected: [] });
    const result = await runCli(["prelabel", "import", release.evaluationOutput, "--dataset", "cli", "--model", "GuardTrace-VL-3B", "--version", "release", "--json"], cli());
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(Object.keys(summary).sort()).toEqual(["imported", "unchanged", "unmatched", "unparseable"]);
    // Only the S-Eval-VL half of the output finds samples in this dataset.
    expect(summary.imported).toBe(5);
    expect(summary.unmatched).toHaveLength(4);
    expect(result.stderr).toMatch(/^line 11: unmatched: /m);
    const usage = await runCli(["import", seval!.file, "--map", "answer"], cli());
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/'answer' is not ours=theirs/);
  });
});

function cli() {
  return { databaseUrl: database.url, env: { GTS_IMAGE_DIR: process.env.GTS_IMAGE_DIR! } };
}
