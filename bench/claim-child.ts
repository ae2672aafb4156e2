/**
 * The queue's worst moment, in its own process: all experts ask for their next sample at the same
 * instant, so every claim meets the same head of the queue. Each round the claims start together and are
 * timed; then every expert decides (untimed) and the next round starts. The first rounds warm the
 * connection pool and the JIT, as a running server's are, and are not timed. A double claim is a sample
 * handed to two experts in one round. The connection pool is the server's (DATABASE_POOL_SIZE, default
 * 10): more connections than cores only add contention.
 * Prints {"latencies": [...], "doubles": N}.
 */
import type { Actor } from "../lib/auth/actor";
import { closePool } from "../lib/db/pool";
import { claimNextSample } from "../lib/services/queue/claim-next-sample";
import { submitAdjudication } from "../lib/services/queue/submit-adjudication";

const WARM_UP_ROUNDS = 3;
const ROUNDS = 30;
const [dataset, expertsJson] = process.argv.slice(2);
const experts = JSON.parse(expertsJson!) as Actor[];

const latencies: number[] = [];
let doubles = 0;
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
  const ids = claims.flatMap((claim) => (claim ? [claim.sample.id] : []));
  doubles += ids.length - new Set(ids).size;
  if (round >= WARM_UP_ROUNDS) latencies.push(...timed);
  await Promise.all(claims.map((claim, index) => (claim ? submitAdjudication(experts[index]!, claim.sample.id, { supports: claim.sample.judges[0]!.name }) : null)));
}
await closePool();
process.stdout.write(`${JSON.stringify({ latencies, doubles })}\n`);
