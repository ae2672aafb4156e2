import { spawn, type ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { generateApiToken } from "../../lib/auth/api-token";
import { ensureEmbeddedPostgres, type EmbeddedServer } from "../../lib/db/embedded-postgres";
import { webServerArgs } from "../../lib/http/web-server-args";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { startGuardTestServer } from "../support/guard-test-server";
import { runCli } from "../support/run-cli";
import { spawnCli } from "../support/spawn-cli";
import { waitFor } from "../support/wait-for";

const EXPERTS = 32;
const RUN_MS = 25_000;
const SAMPLES = 400;
const PORTS = [3260, 3261];
const RESTART_AT_MS = 6_000;
const KILL_AT_MS = 14_000;

type Outcome = { acknowledged: { expert: number; sample: number; id: string }[]; claims: { expert: number; sample: number; round: string }[]; retried: number; reported: { status: number; code: string }[] };

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test("two instances and two workers under 32 experts survive a PostgreSQL restart and a killed instance", async () => {
  test.setTimeout(240_000);
  const work = await tempDir("gts-faults-");
  const pgDir = path.join(work, "postgres");
  let database: EmbeddedServer = await ensureEmbeddedPostgres(pgDir);
  const guard = await startGuardTestServer({ latencyMs: 40 });
  // The embedded database of this folder, not the suite's: it is the one this test restarts.
  const env = {
    DATABASE_URL: "",
    DATABASE_OWNER_URL: "",
    GTS_DATA_DIR: work,
    GUARD_BACKEND: "openai",
    GUARD_OPENAI_URL: guard.url,
    GUARD_OPENAI_VERSION: "faults",
    GUARD_OPENAI_CONCURRENCY: "4",
    GTS_WORKER_BATCH_SIZE: "16",
    // Long enough that a batch slowed by the load (two cores for everything) does not expire and burn its retries.
    GTS_PRELABEL_EXPIRE_SECONDS: "20",
    GTS_PRELABEL_RETRY_DELAY_SECONDS: "1",
    GTS_QUEUE_MAINTENANCE_SECONDS: "1",
    LOG_LEVEL: "error",
  };
  const instancesToStop: ChildProcess[] = [];
  const workersToStop: ChildProcess[] = [];
  const workerOutputs: (() => string)[] = [];
  try {
    const votes = [{ name: "a", analysis: "Safe.", judgment: 0 }, { name: "b", analysis: "Harmful.", judgment: 1 }, { name: "c", analysis: "Safe too.", judgment: 0 }];
    const file = await writeJsonl(work, "faults.jsonl", Array.from({ length: SAMPLES }, (_, index) => sampleLine(`fault-${index}`, { judges: votes })));
    for (const args of [["import", file, "--dataset", "faults"], ["dataset", "set", "faults", "--second-opinion-share", "0"], ["prelabel", "--dataset", "faults"]]) {
      const result = await runCli(args, { env });
      expect(result.code, result.stderr).toBe(0);
    }
    const tokens: string[] = [];
    for (let index = 0; index < EXPERTS; index += 1) {
      const { token, tokenHash, prefix } = generateApiToken();
      const [user] = await sql<{ id: string }>(database.appUrl, `INSERT INTO users (email, role) VALUES ($1, 'expert') RETURNING id`, [`expert-${index}@faults.test`]);
      await sql(database.appUrl, `INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES ($1, 'faults', $2, $3)`, [user!.id, tokenHash, prefix]);
      tokens.push(token);
    }

    const instances = PORTS.map((port) => {
      // Each instance's log goes to a file that the report attaches, so a failure can be read afterwards.
      const log = openSync(path.join(work, `instance-${port}.log`), "a");
      const child = spawn(process.execPath, webServerArgs({ port, host: "127.0.0.1" }), {
        env: { ...process.env, DATABASE_URL: database.appUrl, GTS_DATA_DIR: work, NEXTAUTH_SECRET: "faults-secret-faults-secret", NEXTAUTH_URL: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", log, log],
        detached: true,
      });
      instancesToStop.push(child);
      return { port, child, alive: true };
    });
    for (const { port } of instances) await waitFor(() => fetch(`http://127.0.0.1:${port}/signin`).then((answer) => answer.ok), 60_000, `instance ${port}`);
    // As `gts serve` starts its worker: with the app's and the owner's URLs, so it never starts a server itself.
    const workerEnv = { ...env, DATABASE_URL: database.appUrl, DATABASE_OWNER_URL: database.ownerUrl };
    const workers = [spawnCli(["worker"], workerEnv), spawnCli(["worker"], workerEnv)];
    workersToStop.push(...workers.map((worker) => worker.child));
    workerOutputs.push(...workers.map((worker) => worker.output));
    // The faults hit a running system: both workers are up and labelling before the clock starts.
    const labelled = async () => (await sql<{ n: number }>(database.url, `SELECT count(DISTINCT sample_id)::int AS n FROM prelabels WHERE model_version = 'faults'`))[0]!.n;
    await waitFor(async () => (await labelled()) >= 32, 60_000, "the workers to start labelling");
    expect(workers.map((worker) => worker.child.exitCode)).toEqual([null, null]);

    const outcome: Outcome = { acknowledged: [], claims: [], retried: 0, reported: [] };
    const started = Date.now();
    const deadline = started + RUN_MS;
    /** One call, retried on another live instance while the network or the server fails; a 4xx is reported. */
    const call = async (expert: number, method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown } | null> => {
      for (let attempt = 0; ; attempt += 1) {
        const live = instances.filter((instance) => instance.alive);
        const instance = live[(expert + attempt) % live.length]!;
        try {
          const answer = await fetch(`http://127.0.0.1:${instance.port}${route}`, {
            method,
            headers: { authorization: `Bearer ${tokens[expert]}`, "content-type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: AbortSignal.timeout(10_000),
          });
          if (answer.status >= 500) throw new Error(`status ${answer.status}`);
          const json = answer.status === 204 ? null : ((await answer.json()) as unknown);
          if (answer.status >= 400) {
            outcome.reported.push({ status: answer.status, code: (json as { error: { code: string } }).error.code });
            return null;
          }
          return { status: answer.status, json };
        } catch {
          outcome.retried += 1;
          if (Date.now() > deadline + 30_000) throw new Error(`${method} ${route} kept failing after the run`);
          await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
        }
      }
    };
    const expertLoop = async (expert: number) => {
      while (Date.now() < deadline) {
        const claimed = await call(expert, "POST", "/api/v1/queue/claim", {});
        if (!claimed || claimed.status === 204) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          continue;
        }
        const { sample: { id: sample }, round } = claimed.json as { sample: { id: number }; round: string };
        outcome.claims.push({ expert, sample, round });
        const decided = await call(expert, "POST", `/api/v1/samples/${sample}/adjudications`, { supports: "a" });
        if (decided) outcome.acknowledged.push({ expert, sample, id: (decided.json as { id: string }).id });
      }
    };
    const faults = (async () => {
      await new Promise((resolve) => setTimeout(resolve, RESTART_AT_MS));
      const before = database.url;
      await database.stop();
      // Back on the same port, as after a real restart. The embedded server takes its old port only when it
      // is free, and a client's ephemeral source port may hold it for a moment: start again until it has it.
      const port = Number(new URL(before).port);
      for (let attempt = 0; ; attempt += 1) {
        await waitFor(() => portIsFree(port), 30_000, "the database port to be free");
        database = await ensureEmbeddedPostgres(pgDir);
        if (database.url === before || attempt === 10) break;
        await database.stop();
      }
      expect(database.url).toBe(before);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + KILL_AT_MS - Date.now())));
      instances[0]!.alive = false;
      process.kill(-instances[0]!.child.pid!, "SIGKILL");
    })();
    await Promise.all([...Array.from({ length: EXPERTS }, (_, expert) => expertLoop(expert)), faults]);

    test.info().annotations.push({ type: "outcome", description: JSON.stringify({ acknowledged: outcome.acknowledged.length, claims: outcome.claims.length, retried: outcome.retried, reported: outcome.reported.length }) });
    // Every acknowledged decision is stored, once; no sample went to two experts; nothing failed silently.
    const stored = await sql<{ id: string; sample_id: number; round: string }>(database.url, `SELECT id::text, sample_id, round::text FROM adjudications`);
    const storedIds = new Set(stored.map((row) => row.id));
    expect(outcome.acknowledged.length).toBeGreaterThan(50);
    expect(outcome.acknowledged.filter((decision) => !storedIds.has(decision.id))).toEqual([]);
    // No (sample, round) went to two experts, or was decided twice. (Per round: an audited sample comes
    // back for a second, independent expert by design. Leases outlast the run, so none expired.)
    const holders = new Map<string, Set<number>>();
    for (const { expert, sample, round } of outcome.claims) holders.set(`${sample}:${round}`, (holders.get(`${sample}:${round}`) ?? new Set()).add(expert));
    expect([...holders].filter(([, experts]) => experts.size > 1)).toEqual([]);
    expect(new Set(stored.map((row) => `${row.sample_id}:${row.round}`)).size).toBe(stored.length);
    const storedRound = new Map(stored.map((row) => [row.id, `${row.sample_id}:${row.round}`]));
    const acknowledgedRounds = outcome.acknowledged.map((decision) => storedRound.get(decision.id));
    expect(new Set(acknowledgedRounds).size).toBe(acknowledgedRounds.length);
    // The faults happened and were seen: requests were retried, and the only refusals are lost leases.
    expect(outcome.retried).toBeGreaterThan(0);
    expect(outcome.reported.filter((refusal) => refusal.code !== "conflict")).toEqual([]);

    // Both workers label everything exactly once, across the restart.
    await waitFor(async () => (await sql<{ n: number }>(database.url, `SELECT count(DISTINCT sample_id)::int AS n FROM prelabels WHERE model_version = 'faults'`))[0]!.n === SAMPLES, 120_000, "every pre-label").catch(async (error: Error) => {
      const states = await sql(database.url, `SELECT name, state::text, count(*)::int AS n FROM pgboss.job GROUP BY 1, 2 ORDER BY 1, 2`);
      throw new Error(`${error.message}; jobs: ${JSON.stringify(states)}`);
    });
    const [labels] = await sql<{ rows: number; samples: number }>(database.url, `SELECT count(*)::int AS rows, count(DISTINCT sample_id)::int AS samples FROM prelabels WHERE model_version = 'faults'`);
    expect(labels).toEqual({ rows: SAMPLES, samples: SAMPLES });
  } finally {
    for (const [index, output] of workerOutputs.entries()) await test.info().attach(`worker-${index}.log`, { body: output() });
    for (const port of PORTS) await test.info().attach(`instance-${port}.log`, { path: path.join(work, `instance-${port}.log`) }).catch(() => {});
    for (const child of workersToStop) child.kill("SIGTERM");
    for (const child of instancesToStop) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // Already gone: the instance the test killed.
      }
    }
    await guard.close();
    await database.stop();
  }
});
