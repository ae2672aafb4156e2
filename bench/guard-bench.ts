import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { CLI_ACTOR } from "../lib/auth/actor";
import { pool } from "../lib/db/pool";
import { importSamples } from "../lib/services/import/import-samples";
import { startGuardTestServer } from "../tests/support/guard-test-server";
import { writeSyntheticJsonl } from "./synthetic";

export type GuardBenchResult = {
  samples: number;
  latency_ms: number;
  in_flight: number;
  batch_size: number;
  /** Pre-labels written per second, from the first request the server received to the last pre-label committed. */
  samples_per_s: number;
  /** 0.9 × in flight ÷ latency: what a worker that keeps the engine busy reaches. */
  goal_per_s: number;
  max_in_flight_seen: number;
  lost: number;
  labelled_twice: number;
  requested_twice: number;
};

const LATENCY_MS = 500;
const IN_FLIGHT = 32;
const BATCH_SIZE = 64;

/**
 * The pre-label worker (`gts worker`, its own process, `openai` backend) against our OpenAI-compatible test
 * server with a fixed 500 ms per reply and replies in the upstream template: how close it keeps 32
 * requests in flight, and that no sample is lost, labelled twice or asked twice.
 */
export async function runGuardBench(url: string, work: string, samples: number, progress: (message: string) => void): Promise<GuardBenchResult> {
  const dataset = `bench-guard-${Date.now()}`;
  const version = dataset;
  const server = await startGuardTestServer({ latencyMs: LATENCY_MS });
  try {
    const file = path.join(work, "guard.jsonl");
    await writeSyntheticJsonl(file, samples);
    await importSamples({ actor: CLI_ACTOR, file, dataset });
    await fs.rm(file);
    const env = {
      ...process.env,
      DATABASE_URL: url,
      GUARD_BACKEND: "openai",
      GUARD_OPENAI_URL: server.url,
      GUARD_OPENAI_VERSION: version,
      GUARD_OPENAI_CONCURRENCY: String(IN_FLIGHT),
      GTS_WORKER_BATCH_SIZE: String(BATCH_SIZE),
      LOG_LEVEL: "warn",
    };
    const queued = await gts(["prelabel", "--dataset", dataset, "--json"], env);
    if (JSON.parse(queued).queued !== samples) throw new Error(`queued ${queued}, expected ${samples}`);
    progress(`guard: ${samples} samples, ${IN_FLIGHT} in flight, ${LATENCY_MS} ms per reply`);
    const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("lib", "cli", "main.ts"), "worker"], { env, stdio: ["ignore", "ignore", "inherit"] });
    try {
      const deadline = Date.now() + Math.max(120_000, (samples / 20) * 1000);
      while ((await labelled(version)).rows < samples) {
        if (Date.now() > deadline) throw new Error("the worker did not label every sample in time");
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      worker.kill("SIGTERM");
      await new Promise((resolve) => worker.once("exit", resolve));
    }
    // Anything a late retry would add shows up as a second row or a second request.
    const counts = await labelled(version);
    const { rows } = await pool().query<{ last: Date }>(`SELECT max(created_at) AS last FROM prelabels WHERE model_version = $1`, [version]);
    const seconds = (rows[0]!.last.getTime() - server.firstRequestAt()!) / 1000;
    return {
      samples,
      latency_ms: LATENCY_MS,
      in_flight: IN_FLIGHT,
      batch_size: BATCH_SIZE,
      samples_per_s: Number((counts.distinct / seconds).toFixed(1)),
      goal_per_s: Number(((0.9 * IN_FLIGHT) / (LATENCY_MS / 1000)).toFixed(1)),
      max_in_flight_seen: server.maxInFlight(),
      lost: samples - counts.distinct,
      labelled_twice: counts.rows - counts.distinct,
      requested_twice: [...server.countByTask.values()].filter((count) => count > 1).length,
    };
  } finally {
    await server.close();
    await pool().query(`DELETE FROM datasets WHERE name = $1`, [dataset]).catch(() => {});
  }
}

async function labelled(version: string): Promise<{ rows: number; distinct: number }> {
  const { rows } = await pool().query<{ rows: number; distinct: number }>(
    `SELECT count(*)::int AS rows, count(DISTINCT sample_id)::int AS distinct FROM prelabels WHERE model_version = $1`,
    [version],
  );
  return rows[0]!;
}

function gts(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("lib", "cli", "main.ts"), ...args], { env, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(output.trim()) : reject(new Error(`gts ${args.join(" ")} exited ${code}`))));
  });
}
