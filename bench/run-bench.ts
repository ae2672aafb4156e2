/**
 * npm run bench -- --samples N [--json] [--write-doc] [--keep]
 * npm run bench -- --guard-server [--guard-samples N] [--json] [--write-doc]
 * npm run bench -- --export-load [--samples N] [--json] [--write-doc]
 * npm run bench -- --quality-claims [--samples N] [--json] [--write-doc]
 * npm run bench -- --workspace-latency [--json] [--write-doc]
 *
 * Builds N synthetic samples in the database named by DATABASE_URL (use a scratch database: the bench
 * dataset is deleted afterwards unless --keep) through the real import path, then measures the targets in docs/benchmarks.md:
 * import rate, claim p95 with 32 concurrent experts (and double claims), the sample API p95 against the
 * production server, the statistics time, and export rows/s with the export process's peak RSS, each
 * beside the raw COPY ceiling where there is one. --guard-server instead measures the pre-label worker's
 * throughput against a local OpenAI-compatible test server (guard-bench.ts). --export-load measures claim
 * p95 idle and while an export runs in the claims' process or in its own (export-load-bench.ts, default
 * 1,000,000 samples). --quality-claims measures claim p95 plain and with gold samples and assignments in
 * play (quality-claims-bench.ts, default 1,000,000 samples). --write-doc records the
 * figures in docs/.
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { CLI_ACTOR, type Actor } from "../lib/auth/actor";
import { applyMigrations } from "../lib/db/migrate";
import { installJobSchema } from "../lib/db/roles";
import { closePool, pool } from "../lib/db/pool";
import { disconnectDb } from "../lib/db/prisma";
import { DEFAULT_GUARD_PROFILE } from "../lib/guard/guard-profile";
import { recordGuardProfile } from "../lib/guard/record-guard-profile";
import { importLayoutSchema } from "../lib/import/import-layout-schema";
import { countPendingTokens } from "../lib/tokens/count-pending";
import { countTokens } from "../lib/tokens/qwen-tokenizer";
import { importSamples } from "../lib/services/import/import-samples";
import { claimStatement } from "../lib/services/queue/leases";
import { SAMPLE_DETAIL_SQL } from "../lib/services/samples/sample-detail-sql";
import { getDatasetStats } from "../lib/services/stats/get-dataset-stats";
import { createApiToken } from "../lib/services/tokens/create-api-token";
import { addUser } from "../lib/services/users/add-user";
import { webServerArgs } from "../lib/http/web-server-args";
import { percentile, runChild } from "./child-process";
import { copyExportRate, copyImportRate } from "./copy-baselines";
import { runExportLoadBench } from "./export-load-bench";
import { runGuardBench } from "./guard-bench";
import { runQualityClaimsBench } from "./quality-claims-bench";
import { runWorkspaceLatencyBench } from "./workspace-latency-bench";
import { benchRunKey, renderBenchmarkDoc, type BenchRecord, type BenchResult } from "./render-doc";
import { syntheticRecord, writeSyntheticJsonl, writeSyntheticParquet } from "./synthetic";

const run = promisify(execFile);
const CLAIMERS = 32;
const API_REQUESTS = 400;
const API_CONCURRENCY = 8;

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main() {
  const { values } = parseArgs({
    options: { samples: { type: "string" }, json: { type: "boolean" }, "write-doc": { type: "boolean" }, keep: { type: "boolean" }, "guard-server": { type: "boolean" }, "guard-samples": { type: "string" }, "export-load": { type: "boolean" }, "quality-claims": { type: "boolean" }, "workspace-latency": { type: "boolean" } },
  });
  if (values["guard-server"]) return guardMain(values["guard-samples"], values.json ?? false, values["write-doc"] ?? false);
  if (values["export-load"]) return exportLoadMain(values.samples, values.json ?? false, values["write-doc"] ?? false);
  if (values["quality-claims"]) return qualityClaimsMain(values.samples, values.json ?? false, values["write-doc"] ?? false);
  if (values["workspace-latency"]) {
    return sideRun(values.json ?? false, (_url, work) => runWorkspaceLatencyBench(work, progress), values["write-doc"] ? (record, result) => (record.workspaceLatency = result) : null);
  }
  const count = Number(values.samples ?? 100_000);
  if (!Number.isInteger(count) || count < 1000) throw new Error("--samples must be an integer of at least 1000");
  const { url, work } = await scratch();
  const dataset = `bench-${count}-${Date.now()}`;
  const result: Partial<BenchResult> = { samples: count, date: new Date().toISOString().slice(0, 10), machine: await machine() };
  try {
    progress(`generating ${count} samples`);
    const file = path.join(work, "bench.jsonl");
    await writeSyntheticJsonl(file, count);

    progress("import through the real path");
    let started = performance.now();
    const imported = await importSamples({ actor: CLI_ACTOR, file, dataset });
    result.import_per_s = Math.round(imported.imported / ((performance.now() - started) / 1000));
    const client = await pool().connect();
    try {
      progress("COPY ceiling for the import");
      result.copy_import_per_s = Math.round(await copyImportRate(client, file));
    } finally {
      client.release();
    }
    await fs.rm(file);

    progress("Parquet import (upstream layout, guardtrace) through the real path");
    const parquet = path.join(work, "bench.parquet");
    await writeSyntheticParquet(parquet, count);
    started = performance.now();
    const fromParquet = await importSamples({ actor: CLI_ACTOR, file: parquet, dataset: `${dataset}-parquet`, layout: importLayoutSchema.parse({ layout: "guardtrace", source: "bench" }) });
    result.parquet_import_per_s = Math.round(fromParquet.imported / ((performance.now() - started) / 1000));
    await pool().query(`DELETE FROM datasets WHERE name = $1`, [`${dataset}-parquet`]);
    await fs.rm(parquet);
    const datasetId = (await pool().query<{ id: string }>(`SELECT id FROM datasets WHERE name = $1`, [dataset])).rows[0]!.id;

    // What autovacuum does after a bulk import anyway (hint bits, visibility map, statistics), done now so
    // that it does not run during, and take a core from, the measurements below; then the gigabytes the
    // import wrote are flushed, so that their write-back does not delay the commits being timed.
    await pool().query("VACUUM ANALYZE");
    await pool().query("CHECKPOINT").catch(() => progress("CHECKPOINT needs a superuser or pg_checkpoint; skipped"));
    await run("sync");

    // The worker counts tokens right after an import. It updates every row, so the vacuum runs again after
    // it, as autovacuum would, before anything is timed: the timed scans must not walk dead row versions.
    progress("token counts (the worker's job), and the tokenizer alone");
    await recordGuardProfile(pool(), DEFAULT_GUARD_PROFILE);
    started = performance.now();
    const counted = await countPendingTokens();
    const countSeconds = (performance.now() - started) / 1000;
    result.token_count_per_s = Math.round(counted.samples / countSeconds);
    result.token_count_1m_s = Math.round(1_000_000 / result.token_count_per_s);
    result.tokenizer_tokens_per_s = tokenizerSpeed();
    await pool().query("VACUUM ANALYZE samples");
    await pool().query("CHECKPOINT").catch(() => {});
    await run("sync");

    progress(`claims: rounds of ${CLAIMERS} experts claiming at once`);
    const experts: Actor[] = [];
    for (let index = 0; index < CLAIMERS; index += 1) {
      const user = await addUser(CLI_ACTOR, { email: `bench-${Date.now()}-${index}@bench.local`, role: "expert", password: "bench password" });
      experts.push({ userId: user.id, email: user.email, role: "expert", via: "session" });
    }
    const { latencies, doubles } = await runChild<{ latencies: number[]; doubles: number }>(url, "claim-child.ts", [dataset, JSON.stringify(experts)]);
    result.claim_p95_ms = Number(percentile(latencies, 0.95).toFixed(1));
    result.claim_double = doubles;

    progress("sample API against the production server");
    result.sample_api_p95_ms = await sampleApiP95(url, datasetId);

    progress("statistics");
    started = performance.now();
    await getDatasetStats(CLI_ACTOR, {});
    result.stats_s = Number(((performance.now() - started) / 1000).toFixed(3));

    progress("export (own process) and its COPY ceiling");
    const exported = await runChild<{ rows: number; seconds: number; maxRssMb: number }>(url, "export-child.ts", [
      JSON.stringify({ kind: "all", format: "trl", dataset }),
      path.join(work, "bundle.zip"),
    ]);
    result.export_rows_per_s = Math.round(exported.rows / exported.seconds);
    result.export_peak_rss_mb = Math.round(exported.maxRssMb);
    progress("the same export as Parquet, images embedded (own process)");
    const parquetExport = await runChild<{ rows: number; seconds: number; maxRssMb: number }>(url, "export-child.ts", [
      JSON.stringify({ kind: "all", format: "trl", dataset, fileFormat: "parquet" }),
      path.join(work, "bundle-parquet.zip"),
    ]);
    result.export_parquet_rows_per_s = Math.round(parquetExport.rows / parquetExport.seconds);
    result.export_parquet_peak_rss_mb = Math.round(parquetExport.maxRssMb);
    const exportClient = await pool().connect();
    try {
      result.copy_export_rows_per_s = Math.round(await copyExportRate(exportClient, datasetId));
    } finally {
      exportClient.release();
    }
    result.plans = await plans(dataset, datasetId, experts[0]!.userId!);
  } finally {
    if (!values.keep) await pool().query(`DELETE FROM datasets WHERE name = $1`, [dataset]).catch(() => {});
    await fs.rm(work, { recursive: true, force: true });
    await Promise.allSettled([closePool(), disconnectDb()]);
  }
  const complete = result as BenchResult;
  complete.import_vs_copy = Number((complete.import_per_s / complete.copy_import_per_s).toFixed(3));
  complete.export_vs_copy = Number((complete.export_rows_per_s / complete.copy_export_rows_per_s).toFixed(3));
  if (values["write-doc"]) await recordResult(complete);
  const figures = Object.fromEntries(Object.entries(complete).filter(([key]) => key !== "plans"));
  process.stdout.write(values.json ? `${JSON.stringify(figures)}\n` : `${JSON.stringify(figures, null, 2)}\n`);
}

/** Qwen2.5 tokens per second on synthetic traces, the tokenizer alone (after a warm-up). */
function tokenizerSpeed(): number {
  const texts = Array.from({ length: 2000 }, (_, index) => syntheticRecord(index).thinking);
  for (const text of texts.slice(0, 100)) countTokens(text);
  const started = performance.now();
  let tokens = 0;
  for (const text of texts) tokens += countTokens(text);
  return Math.round(tokens / ((performance.now() - started) / 1000));
}

/** The scratch database (migrated) and a temporary data folder for this run. */
async function scratch(): Promise<{ url: string; work: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL to a scratch database");
  // As the app's start readies it: the migrations, then pg-boss's schema.
  await applyMigrations(url);
  await installJobSchema(url);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "gts-bench-"));
  process.env.GTS_DATA_DIR = work;
  return { url, work };
}

async function guardMain(samplesText: string | undefined, json: boolean, writeDoc: boolean) {
  const samples = Number(samplesText ?? 3200);
  if (!Number.isInteger(samples) || samples < 100) throw new Error("--guard-samples must be an integer of at least 100");
  await sideRun(json, (url, work) => runGuardBench(url, work, samples, progress), writeDoc ? (record, result) => (record.guard = result) : null);
}

async function exportLoadMain(samplesText: string | undefined, json: boolean, writeDoc: boolean) {
  const samples = Number(samplesText ?? 1_000_000);
  if (!Number.isInteger(samples) || samples < 10_000) throw new Error("--samples must be an integer of at least 10000");
  await sideRun(json, (url, work) => runExportLoadBench(url, work, samples, progress), writeDoc ? (record, result) => (record.exportLoad = result) : null);
}

async function qualityClaimsMain(samplesText: string | undefined, json: boolean, writeDoc: boolean) {
  const samples = Number(samplesText ?? 1_000_000);
  if (!Number.isInteger(samples) || samples < 10_000) throw new Error("--samples must be an integer of at least 10000");
  await sideRun(json, (url, work) => runQualityClaimsBench(url, work, samples, progress), writeDoc ? (record, result) => (record.qualityClaims = result) : null);
}

/** A measurement beside the main table's: in a scratch folder, dated, with the machine, printed and (`file`) recorded. */
async function sideRun<T extends object>(
  json: boolean,
  measure: (url: string, work: string) => Promise<T>,
  file: ((record: BenchRecord, result: T & { date: string; machine: Awaited<ReturnType<typeof machine>> }) => void) | null,
) {
  const { url, work } = await scratch();
  try {
    const result = { date: new Date().toISOString().slice(0, 10), machine: await machine(), ...(await measure(url, work)) };
    if (file) {
      const record = await readRecord();
      file(record, result);
      await writeRecord(record);
    }
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
    await Promise.allSettled([closePool(), disconnectDb()]);
  }
}

async function machine() {
  const { rows } = await pool().query<{ server_version: string }>("SHOW server_version");
  return { cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: rows[0]!.server_version };
}

async function sampleApiP95(url: string, datasetId: string): Promise<number> {
  const built = await fs.stat(path.join(process.cwd(), ".next", "BUILD_ID")).then(() => true).catch(() => false);
  if (!built) await run("npm", ["run", "build"], { maxBuffer: 64 * 1024 * 1024 });
  const user = await addUser(CLI_ACTOR, { email: `bench-api-${Date.now()}@bench.local`, role: "viewer", password: "bench password" });
  const { token } = await createApiToken(CLI_ACTOR, { email: user.email, name: "bench" });
  const { rows } = await pool().query<{ id: number }>(`SELECT id FROM samples WHERE dataset_id = $1 ORDER BY random() LIMIT ${API_REQUESTS}`, [datasetId]);
  const port = 3900 + Math.floor(Math.random() * 90);
  const server = spawn(process.execPath, webServerArgs({ port, host: "127.0.0.1" }), {
    env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: "bench-secret-bench-secret", NEXTAUTH_URL: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if (await fetch(`${base}/signin`).then(() => true).catch(() => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const get = (id: number) => fetch(`${base}/api/v1/samples/${id}`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.arrayBuffer());
    for (const row of rows.slice(0, 20)) await get(row.id);
    const latencies: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: API_CONCURRENCY }, async () => {
        while (next < rows.length) {
          const id = rows[next++]!.id;
          const t = performance.now();
          await get(id);
          latencies.push(performance.now() - t);
        }
      }),
    );
    return Number(percentile(latencies, 0.95).toFixed(1));
  } finally {
    server.kill("SIGTERM");
  }
}

/** The plans behind the targets, kept in the doc so a regression shows up as a different plan. */
async function plans(dataset: string, datasetId: string, expertId: string): Promise<Record<string, string>> {
  const client = await pool().connect();
  try {
    const explain = async (sql: string, params: unknown[]) =>
      (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, params)).rows.map((row) => row["QUERY PLAN"]).join("\n");
    const claim = claimStatement(expertId, { dataset }, 60, { beyondCap: false, ahead: false });
    // EXPLAIN ANALYZE runs the statement: the claim's lease is rolled back.
    await client.query("BEGIN");
    const claimPlan = await explain(claim.text, claim.values);
    await client.query("ROLLBACK");
    return {
      claim: claimPlan,
      stats_patterns: await explain(`SELECT s.votes, s.route, count(*) FROM samples s WHERE ($1::uuid IS NULL OR s.dataset_id = $1::uuid) GROUP BY s.votes, s.route`, [null]),
      sample_page: await explain(SAMPLE_DETAIL_SQL, [(await client.query<{ id: number }>(`SELECT min(id) AS id FROM samples WHERE dataset_id = $1`, [datasetId])).rows[0]!.id, null]),
    };
  } finally {
    client.release();
  }
}

const RECORD = path.join("docs", "benchmarks.json");

async function readRecord(): Promise<BenchRecord> {
  return JSON.parse(await fs.readFile(RECORD, "utf8").catch(() => "{}")) as BenchRecord;
}

async function writeRecord(record: BenchRecord) {
  await fs.mkdir("docs", { recursive: true });
  await fs.writeFile(RECORD, `${JSON.stringify(record, null, 2)}\n`);
  await fs.writeFile(path.join("docs", "benchmarks.md"), renderBenchmarkDoc(record));
}

async function recordResult(result: BenchResult) {
  const record = await readRecord();
  record[benchRunKey(result)] = result;
  await writeRecord(record);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await Promise.allSettled([closePool(), disconnectDb()]);
  process.exit(1);
});
