import { CLI_ACTOR } from "../lib/auth/actor";
import { pool } from "../lib/db/pool";
import { addUser } from "../lib/services/users/add-user";
import { percentile, runChild } from "./child-process";
import { importForClaims } from "./claims-setup";
import { BENCH_ASSIGNED_PER_EXPERT, BENCH_GOLD_ITEMS, BENCH_GOLD_RATE_BP, BENCH_OUTSIDER_ITEMS, putQualityControlInPlay } from "./quality-setup";

export type QualityClaimsResult = {
  samples: number;
  /** Claim p95 (32 experts at once, as in the main table) before the quality control is put in play. */
  plain_p95_ms: number;
  /** The same with gold samples and assignments in play (bench/quality-setup.ts). */
  quality_p95_ms: number;
  /** Claims served a gold sample, and by assignment, in the timed rounds with quality control. */
  gold_served: number;
  assigned_served: number;
  claims: number;
  double_claims: number;
  setup: { gold_items: number; gold_rate: number; assigned_per_expert: number; hidden_at_head: number };
};

type Claims = { latencies: number[]; doubles: number; served: { gold: number; assigned: number } };

/**
 * Claim p95 with the quality control in play (docs/quality-control.md): the main table's claim rounds on
 * freshly imported samples, once plain and once after 2,000 gold samples (5% gold rate), 500 items at the
 * queue's head assigned to an expert who never claims, and 15 items assigned to each claimer. Token counts
 * and exports are not needed and not made. A warm-up run is discarded first, as after any fresh start.
 */
export async function runQualityClaimsBench(url: string, work: string, samples: number, progress: (message: string) => void): Promise<QualityClaimsResult> {
  progress(`generating and importing ${samples} samples`);
  const { dataset, datasetId, experts } = await importForClaims(work, samples, "bench-qc");
  try {
    const claims = () => runChild<Claims>(url, "claim-child.ts", [dataset, JSON.stringify(experts)]);
    // Each run decides about a thousand samples; as autovacuum would between them, their dead queue rows go
    // before the next run, so that neither run walks past the other's.
    const settle = () => pool().query("VACUUM ANALYZE queue_items, leases, adjudications");
    progress("claims, warming up");
    await claims();
    await settle();
    progress("claims, plain");
    const plain = await claims();
    await settle();
    progress("claims with gold samples and assignments in play");
    const outsider = await addUser(CLI_ACTOR, { email: `bench-qc-${Date.now()}-outsider@bench.local`, role: "expert", password: "bench password" });
    await putQualityControlInPlay(pool(), datasetId, experts.map((expert) => expert.userId!), outsider.id);
    const quality = await claims();
    return {
      samples,
      plain_p95_ms: Number(percentile(plain.latencies, 0.95).toFixed(1)),
      quality_p95_ms: Number(percentile(quality.latencies, 0.95).toFixed(1)),
      gold_served: quality.served.gold,
      assigned_served: quality.served.assigned,
      claims: quality.latencies.length,
      double_claims: plain.doubles + quality.doubles,
      setup: { gold_items: BENCH_GOLD_ITEMS, gold_rate: BENCH_GOLD_RATE_BP / 10_000, assigned_per_expert: BENCH_ASSIGNED_PER_EXPERT, hidden_at_head: BENCH_OUTSIDER_ITEMS },
    };
  } finally {
    await pool().query(`DELETE FROM datasets WHERE name = $1`, [dataset]).catch(() => {});
  }
}
