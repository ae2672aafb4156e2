import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import type { RiskValue } from "@/lib/domain/risk";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { importSamples } from "@/lib/services/import/import-samples";
import { getDashboard } from "@/lib/services/stats/get-dashboard";
import { getDatasetStats } from "@/lib/services/stats/get-dataset-stats";
import { addUser } from "@/lib/services/users/add-user";
import { statsFromSamples, type ReferenceSample, type SampleFigures } from "@/lib/stats/dataset-stats-reference";
import type { DatasetStats } from "@/lib/stats/stats-types";
import { seededRandom } from "@/lib/demo/random";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { runCli } from "../support/run-cli";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
const JUDGES = ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b", "claude-judge"];
const LEVELS: RiskValue[] = [0, 0.5, 1];

/** Random data: 1–4 judges per sample (so some units are unpairable), random experts and pre-labels. */
async function seedRandom(name: string, count: number, seed: number) {
  const random = seededRandom(seed);
  const lines = Array.from({ length: count }, (_, index) => {
    const judges = JUDGES.filter((_, judge) => judge < 3 ? random.chance(0.9) : random.chance(0.3));
    const used = judges.length > 0 ? judges : [JUDGES[0]!];
    return sampleLine(`${name}-${index}`, {
      category: random.pick(["crime", "health", "ethics"]),
      judges: used.map((judge) => ({ name: judge, analysis: "a", judgment: random.pick(LEVELS) })),
      ...(random.chance(0.6) ? { prelabel: { model: "guard", version: random.chance(0.8) ? "v2" : "v1", judgment: random.pick(LEVELS) } } : {}),
    });
  });
  const dir = await tempDir();
  await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, `${name}.jsonl`, lines), dataset: name });
  const { rows: samples } = await pool().query<{ id: number }>(`SELECT s.id FROM samples s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = $1`, [name]);
  const experts = await pool().query<{ id: string }>(`SELECT id FROM users ORDER BY email`);
  for (const { id } of samples) {
    if (!random.chance(0.4)) continue;
    await pool().query(`INSERT INTO adjudications (sample_id, expert_id, kind, judgment, analysis, round) VALUES ($1, $2, 'correction', $3, 'x', 'first')`, [id, experts.rows[0]!.id, String(random.pick(LEVELS))]);
    if (random.chance(0.3)) {
      await pool().query(`INSERT INTO adjudications (sample_id, expert_id, kind, judgment, analysis, round) VALUES ($1, $2, 'correction', $3, 'y', 'second')`, [id, experts.rows[1]!.id, String(random.pick(LEVELS))]);
    }
  }
  // A newer pre-label run makes v2 the current model version.
  await pool().query(`UPDATE prelabels SET created_at = created_at + interval '1 hour' WHERE model_version = 'v2'`);
}

/** Loads the dataset sample by sample for the reference computation. */
async function referenceStats(name: string | null, category?: string): Promise<SampleFigures> {
  const { rows } = await pool().query<{ votes: ReferenceSample["votes"]; first: string | null; second: string | null; prelabel: string | null; source: string | null }>(
    `SELECT s.source, (SELECT jsonb_object_agg(j->>'name', (j->>'judgment')::numeric) FROM jsonb_array_elements(s.judges) j) AS votes,
            (SELECT judgment::text FROM adjudications a WHERE a.sample_id = s.id AND a.round = 'first') AS first,
            (SELECT judgment::text FROM adjudications a WHERE a.sample_id = s.id AND a.round = 'second') AS second,
            (SELECT judgment::text FROM prelabels p WHERE p.sample_id = s.id AND p.model_version = 'v2') AS prelabel
       FROM samples s JOIN datasets d ON d.id = s.dataset_id
      WHERE ($1::text IS NULL OR d.name = $1) AND ($2::text IS NULL OR s.category::text = $2)`,
    [name, category ?? null],
  );
  const level = (value: string | null) => (value === null ? null : (Number(value) as RiskValue));
  const samples = rows.map((row) => ({ votes: row.votes, first: level(row.first), second: level(row.second), prelabel: level(row.prelabel), source: row.source }));
  const n = samples.filter((sample) => sample.prelabel !== null).length;
  const stats = statsFromSamples(samples, { name: "guard", version: "v2" });
  return { ...stats, prelabel: { ...stats.prelabel, n } };
}

function expectSameFigures(actual: unknown, expected: unknown, path = "stats") {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), path).toBeLessThan(1e-9);
    return;
  }
  if (expected && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) expectSameFigures((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await addUser(CLI_ACTOR, { email: "e1@example.org", role: "expert", password: "a long password" });
  await addUser(CLI_ACTOR, { email: "e2@example.org", role: "expert", password: "a long password" });
  await seedRandom("alpha", 400, 7);
  await seedRandom("beta", 250, 11);
});
afterAll(async () => database.drop());

describe("dataset statistics", () => {
  it("gives the same figures from SQL aggregates as from the sample-by-sample definitions", async () => {
    for (const name of ["alpha", "beta", null]) {
      const sql = await getDatasetStats(CLI_ACTOR, name ? { dataset: name } : {});
      // The reference computation follows one model version; the SQL path reports every version.
      const v2 = (rows: DatasetStats["evaluation"]["vs_expert"]) => rows.filter((row) => row.version === "v2");
      expect(sql.evaluation.vs_expert.some((row) => row.version === "v1")).toBe(true);
      // Gold accuracy and span agreement are not figures of the samples' levels (tests/db/quality-control.test.ts checks them).
      const { gold, span_agreement: spans, ...experts } = sql.experts;
      expect(gold).toEqual([]);
      expect(spans.n).toBe(0);
      const { drift, ...figures } = sql;
      expect(drift.weeks.length).toBeGreaterThan(0);
      expectSameFigures({ ...figures, experts, evaluation: { vs_reference: v2(sql.evaluation.vs_reference), vs_expert: v2(sql.evaluation.vs_expert) } }, await referenceStats(name));
      expect(sql.samples).toBe(name === "alpha" ? 400 : name === "beta" ? 250 : 650);
      expect(sql.judges.pairwise.map((pair) => `${pair.a}/${pair.b}`)).toContain("gemini-2.5-pro/gpt-5");
      expect(sql.experts.double_adjudicated).toBeGreaterThan(0);
      expect(sql.prelabel).toMatchObject({ model: "guard", version: "v2" });
    }
  });

  it("breaks agreement down by category exactly as the per-category reference computes it", async () => {
    const dashboard = await getDashboard(CLI_ACTOR, { dataset: "alpha" });
    expect(dashboard.breakdowns.category.map((row) => row.key).sort()).toEqual(["crime", "ethics", "health"]);
    for (const row of dashboard.breakdowns.category) {
      const reference = await referenceStats("alpha", row.key);
      expect(row.samples).toBe(reference.samples);
      expect(row.routing).toEqual(reference.routing);
      expectSameFigures(row.alphaOrdinal, reference.judges.krippendorff_alpha.ordinal);
      expectSameFigures(row.alphaNominal, reference.judges.krippendorff_alpha.nominal);
      expectSameFigures(row.fleissKappa, reference.judges.fleiss_kappa);
    }
    expect(dashboard.breakdowns.image_condition.map((row) => [row.key, row.samples])).toEqual([["none", 400]]);
    expect(dashboard.stats).toEqual(await getDatasetStats(CLI_ACTOR, { dataset: "alpha" }));
    const interval = dashboard.alphaInterval.ordinal!;
    expect(interval.low).toBeLessThanOrEqual(dashboard.stats.judges.krippendorff_alpha.ordinal!);
    expect(interval.high).toBeGreaterThanOrEqual(dashboard.stats.judges.krippendorff_alpha.ordinal!);
    expect(dashboard.judgeVsExpert.find((row) => row.judge === "gpt-5")!.matrix.flat().reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
  });

  it("answers 401 to nobody and 404 for an unknown dataset", async () => {
    await expect(getDatasetStats(null, {})).rejects.toThrow(UnauthenticatedError);
    await expect(getDatasetStats(CLI_ACTOR, { dataset: "nope" })).rejects.toThrow(NotFoundError);
  });

  it("is printed by `gts stats --json` as exactly the service's object", async () => {
    const result = await runCli(["stats", "--dataset", "beta", "--json"], { databaseUrl: database.url });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(await getDatasetStats(CLI_ACTOR, { dataset: "beta" }))));
  });
});
