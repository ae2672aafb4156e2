import type pg from "pg";

export const BENCH_GOLD_ITEMS = 2_000;
export const BENCH_GOLD_RATE_BP = 500;
export const BENCH_OUTSIDER_ITEMS = 500;
export const BENCH_ASSIGNED_PER_EXPERT = 15;

/**
 * Puts the quality control in play for the claim bench (docs/quality-control.md): 2,000 unanimous
 * samples made gold with a gold rate of 5%; the first 500 items of the queue sent to an expert who never
 * claims, so that every claim walks past samples hidden from it; and 15 items from anywhere in the queue
 * sent to each claiming expert, so that their first rounds are served by assignment and the later ones
 * by the queue.
 */
export async function putQualityControlInPlay(db: pg.Pool, datasetId: string, claimerIds: string[], outsiderId: string): Promise<void> {
  await db.query(`UPDATE datasets SET gold_rate_bp = $2 WHERE id = $1`, [datasetId, BENCH_GOLD_RATE_BP]);
  await db.query(
    `INSERT INTO gold_items (sample_id, dataset_id, judgment, origin)
     SELECT s.id, s.dataset_id, s.consensus, 'reference' FROM samples s
      WHERE s.dataset_id = $1 AND s.route = 'unanimous' AND NOT EXISTS (SELECT 1 FROM queue_items q WHERE q.sample_id = s.id)
      ORDER BY s.id LIMIT $2`,
    [datasetId, BENCH_GOLD_ITEMS],
  );
  const assign = `UPDATE queue_items q SET assigned_to_id = pick.expert_id, assigned_until = now() + interval '7 days', assigned_at = now()`;
  await db.query(
    `${assign} FROM (SELECT sample_id, round, $2::uuid AS expert_id FROM queue_items WHERE dataset_id = $1
                    ORDER BY dataset_id, priority, enqueued_at, sample_id LIMIT $3) pick
      WHERE q.sample_id = pick.sample_id AND q.round = pick.round`,
    [datasetId, outsiderId, BENCH_OUTSIDER_ITEMS],
  );
  await db.query(
    `${assign} FROM (SELECT picked.sample_id, picked.round, ($2::uuid[])[(row_number() OVER () - 1) / $3 + 1] AS expert_id
                     FROM (SELECT sample_id, round FROM queue_items WHERE dataset_id = $1 AND assigned_to_id IS NULL ORDER BY random() LIMIT $4) picked) pick
      WHERE q.sample_id = pick.sample_id AND q.round = pick.round`,
    [datasetId, claimerIds, BENCH_ASSIGNED_PER_EXPERT, claimerIds.length * BENCH_ASSIGNED_PER_EXPERT],
  );
  await db.query(`VACUUM ANALYZE queue_items, gold_items, datasets`);
}
