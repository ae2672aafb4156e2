/**
 * The queue's worst moment, in its own process: all experts ask for their next sample at the same
 * instant, so every claim meets the same head of the queue. Each round the claims start together and are
 * timed; then every expert decides (untimed) and the next round starts. The first rounds warm the
 * connection pool and the JIT, as a running server's are, and are not timed. A double claim is a sample
 * handed to two experts in one round (a gold sample, which several may hold, does not count). The connection pool is the server's (DATABASE_POOL_SIZE, default
 * 10): more connections than cores only add contention.
 *
 * Under load (the third argument): `exportHere` runs an export in this process first, as the web process
 * ran them before exports moved to the worker; `exportElsewhere` waits for the export another process
 * (the worker) is writing. Either way the rounds start once the export writes rows, and
 * `overlapped` says whether it was still writing when they ended.
 * Prints {"latencies": [...], "doubles": N, "overlapped": boolean | null, "served": {"gold", "assigned"}}: how many
 * timed claims were served a gold sample, and an item assigned to the claimer.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { CLI_ACTOR, type Actor } from "../lib/auth/actor";
import { closePool, pool } from "../lib/db/pool";
import { executeExport } from "../lib/export/export-job";
import { exportOptionsSchema } from "../lib/export/export-options";
import { recordRunningExport } from "../lib/services/exports/create-export";
import { claimNextSample } from "../lib/services/queue/claim-next-sample";
import { submitAdjudication } from "../lib/services/queue/submit-adjudication";

export type ClaimLoad = { exportHere?: { options: unknown; out: string }; exportElsewhere?: boolean };

const WARM_UP_ROUNDS = 3;
const ROUNDS = 30;
const [dataset, expertsJson, loadJson] = process.argv.slice(2);
const experts = JSON.parse(expertsJson!) as Actor[];
const load = JSON.parse(loadJson ?? "{}") as ClaimLoad;

const exportWriting = async () =>
  ((await pool().query(`SELECT 1 FROM exports WHERE status = 'running' AND rows_written > 0`)).rowCount ?? 0) > 0;

if (load.exportHere) {
  const record = await recordRunningExport(CLI_ACTOR, exportOptionsSchema.parse(load.exportHere.options));
  void executeExport(record.id, load.exportHere.out).catch(() => {});
}
const loaded = Boolean(load.exportHere || load.exportElsewhere);
if (loaded) while (!(await exportWriting())) await sleep(100);

// A gold sample may be served to several experts at once (docs/quality-control.md): only a real sample
// handed to two is a double claim.
const gold = new Set(
  (await pool().query<{ sample_id: number }>(`SELECT g.sample_id FROM gold_items g JOIN datasets d ON d.id = g.dataset_id WHERE d.name = $1`, [dataset])).rows.map((row) => row.sample_id),
);
const assignedTo = new Map(
  (await pool().query<{ sample_id: number; expert_id: string }>(`SELECT sample_id, assigned_to_id AS expert_id FROM queue_items WHERE assigned_to_id IS NOT NULL`)).rows.map((row) => [
    row.sample_id,
    row.expert_id,
  ]),
);
const latencies: number[] = [];
let doubles = 0;
const served = { gold: 0, assigned: 0 };
for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round += 1) {
  const timed: number[] = [];
  const claims = await Promise.all(
    experts.map(async (expert) => {
      const started = performance.now();
      const claim = await claimNextSample(expert, { dataset });
      timed.push(performance.now() - started);
      return claim;
    }),
  );
  const ids = claims.flatMap((claim) => (claim && !gold.has(claim.sample.id) ? [claim.sample.id] : []));
  doubles += ids.length - new Set(ids).size;
  if (round >= WARM_UP_ROUNDS) {
    latencies.push(...timed);
    claims.forEach((claim, index) => {
      if (claim && gold.has(claim.sample.id)) served.gold += 1;
      else if (claim && assignedTo.get(claim.sample.id) === experts[index]!.userId) served.assigned += 1;
    });
  }
  await Promise.all(claims.map((claim, index) => (claim ? submitAdjudication(experts[index]!, claim.sample.id, { supports: claim.sample.judges[0]!.name }) : null)));
}
const overlapped = loaded ? await exportWriting() : null;
process.stdout.write(`${JSON.stringify({ latencies, doubles, overlapped, served })}\n`);
// An export still running here is abandoned: the measurement is over.
if (load.exportHere) process.exit(0);
await closePool();
