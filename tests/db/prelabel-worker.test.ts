import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { importSamples } from "@/lib/services/import/import-samples";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { runCli } from "../support/run-cli";
import { spawnCli } from "../support/spawn-cli";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { waitFor } from "../support/wait-for";

let database: TestDatabase;
let server: http.Server;
let requests = 0;
let url: string;

/** A slow OpenAI-compatible guard: every answer takes 150 ms, so a kill lands mid-batch. */
async function slowGuard() {
  server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      requests += 1;
      setTimeout(() => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ choices: [{ message: { content: '"Analysis": slow but sure.\n"Judgment": 0.5' } }] }));
      }, 150);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

const env = () => ({
  DATABASE_URL: database.url,
  GUARD_BACKEND: "openai",
  GUARD_OPENAI_URL: url,
  GUARD_OPENAI_MODEL: "GuardTrace-VL-3B",
  GUARD_OPENAI_VERSION: "test",
  GUARD_OPENAI_CONCURRENCY: "4",
  GTS_PRELABEL_EXPIRE_SECONDS: "3",
  GTS_PRELABEL_RETRY_DELAY_SECONDS: "1",
  GTS_QUEUE_MAINTENANCE_SECONDS: "1",
  GTS_WORKER_BATCH_SIZE: "16",
});

async function counts() {
  const { rows } = await pool().query<{ labelled: number; rows: number }>(
    `SELECT count(DISTINCT sample_id)::int AS labelled, count(*)::int AS rows FROM prelabels WHERE model_version = 'test'`,
  );
  return rows[0]!;
}


beforeAll(async () => {
  database = await createTestDatabase();
  await slowGuard();
  const dir = await tempDir();
  await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "p.jsonl", Array.from({ length: 80 }, (_, index) => sampleLine(`p${index}`))), dataset: "p" });
});
afterAll(async () => {
  server.close();
  await database.drop();
});

describe("pre-label worker", () => {
  it("queues idempotently, survives kill -9 mid-batch without losing a job or doubling a pre-label, and stops gracefully on SIGTERM", async () => {
    const queued = await runCli(["prelabel", "--json"], { env: env() });
    expect(queued.code).toBe(0);
    expect(JSON.parse(queued.stdout)).toEqual({ queued: 80 });
    expect(JSON.parse((await runCli(["prelabel", "--json"], { env: env() })).stdout)).toEqual({ queued: 0 });

    const doomed = spawnCli(["worker"], env());
    await waitFor(async () => requests >= 6, 30_000, "the first requests");
    doomed.child.kill("SIGKILL");
    await doomed.exited;
    const afterKill = await counts();
    expect(afterKill.labelled).toBeLessThan(80);

    const survivor = spawnCli(["worker"], env());
    await waitFor(async () => (await counts()).labelled === 80, 60_000, "every pre-label");
    const final = await counts();
    expect(final).toEqual({ labelled: 80, rows: 80 });
    const { rows: jobs } = await pool().query<{ state: string; count: number }>(`SELECT state::text, count(*)::int FROM pgboss.job WHERE name LIKE 'prelabel-%' GROUP BY 1`);
    expect(jobs.filter((row) => row.state !== "completed")).toEqual([]);

    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);
    expect(survivor.output()).toMatch(/worker stopped/);
    expect(JSON.parse((await runCli(["prelabel", "--json"], { env: env() })).stdout)).toEqual({ queued: 0 });
  }, 120_000);
});
