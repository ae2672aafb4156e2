import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { ensureEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrate";
import { closePool, pool } from "@/lib/db/pool";
import { disconnectDb } from "@/lib/db/prisma";
import { importSamples } from "@/lib/services/import/import-samples";
import { claimNextSample } from "@/lib/services/queue/claim-next-sample";
import { submitAdjudication } from "@/lib/services/queue/submit-adjudication";
import { addUser } from "@/lib/services/users/add-user";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { runCli } from "../support/run-cli";
import { spawnCli } from "../support/spawn-cli";
import { waitFor } from "../support/wait-for";

const servers: EmbeddedServer[] = [];
let guard: http.Server | undefined;
const originalUrl = process.env.DATABASE_URL;

afterAll(async () => {
  guard?.close();
  await Promise.allSettled([closePool(), disconnectDb()]);
  for (const server of servers) await server.stop().catch(() => {});
  process.env.DATABASE_URL = originalUrl;
});


const labelled = async () => (await pool().query<{ n: number; rows: number }>(`SELECT count(DISTINCT sample_id)::int AS n, count(*)::int AS rows FROM prelabels WHERE model_version = 'fault'`)).rows[0]!;

describe("a PostgreSQL restart", () => {
  it("is survived by the worker and the services: no decision lost, no pre-label lost or doubled", async () => {
    const dataDir = path.join(await tempDir("gts-fault-"), "postgres");
    const first = await ensureEmbeddedPostgres(dataDir);
    servers.push(first);
    await applyMigrations(first.url);
    await Promise.allSettled([closePool(), disconnectDb()]);
    process.env.DATABASE_URL = first.url;
    const dir = await tempDir();
    await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "f.jsonl", Array.from({ length: 120 }, (_, index) => sampleLine(`f${index}`, { judges: [{ name: "a", analysis: "x", judgment: 0 }, { name: "b", analysis: "y", judgment: 1 }, { name: "c", analysis: "z", judgment: 1 }] }))), dataset: "f" });
    const expertUser = await addUser(CLI_ACTOR, { email: "fault@example.org", role: "expert", password: "a long password" });
    const expert: Actor = { userId: expertUser.id, email: expertUser.email, role: "expert", via: "session" };

    guard = http.createServer((request, response) => {
      request.resume();
      request.on("end", () =>
        setTimeout(() => {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify({ choices: [{ message: { content: '"Analysis": ok.\n"Judgment": 0' } }] }));
        }, 60),
      );
    });
    await new Promise<void>((resolve) => guard!.listen(0, "127.0.0.1", () => resolve()));
    const env = {
      DATABASE_URL: first.url,
      GUARD_BACKEND: "openai",
      GUARD_OPENAI_URL: `http://127.0.0.1:${(guard.address() as AddressInfo).port}/v1`,
      GUARD_OPENAI_VERSION: "fault",
      GUARD_OPENAI_CONCURRENCY: "2",
      GTS_WORKER_BATCH_SIZE: "8",
      GTS_PRELABEL_EXPIRE_SECONDS: "3",
      GTS_PRELABEL_RETRY_DELAY_SECONDS: "1",
      GTS_QUEUE_MAINTENANCE_SECONDS: "1",
      LOG_LEVEL: "warn",
    };
    expect(JSON.parse((await runCli(["prelabel", "--json"], { env })).stdout)).toEqual({ queued: 120 });
    const worker = spawnCli(["worker"], env);
    await waitFor(async () => (await labelled()).n >= 16, 30_000, "the first pre-labels");

    const claim = await claimNextSample(expert, {});
    expect(claim).not.toBeNull();
    await first.stop();
    await expect(submitAdjudication(expert, claim!.sample.id, { supports: "a" })).rejects.toThrow();

    const second = await ensureEmbeddedPostgres(dataDir);
    servers.push(second);
    expect(second.url).toBe(first.url);
    // The UI retries a failed submission; the retry lands once.
    await waitFor(async () => Boolean(await submitAdjudication(expert, claim!.sample.id, { supports: "a" })), 15_000, "the retried decision");
    expect((await pool().query(`SELECT count(*)::int AS n FROM adjudications WHERE sample_id = $1`, [claim!.sample.id])).rows[0].n).toBe(1);

    await waitFor(async () => (await labelled()).n === 120, 60_000, "every pre-label");
    expect(await labelled()).toEqual({ n: 120, rows: 120 });
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
  }, 120_000);
});
