import type { Queryable } from "../db/pool";

// What the store's own gauges read at each scrape: small aggregates over indexed tables.

/** The samples waiting in the queue, per dataset and round. */
export async function queueDepths(db: Queryable): Promise<{ dataset: string; round: string; n: number }[]> {
  const { rows } = await db.query<{ dataset: string; round: string; n: number }>(
    `SELECT d.name AS dataset, q.round::text AS round, count(*)::int AS n FROM queue_items q JOIN datasets d ON d.id = q.dataset_id GROUP BY 1, 2`,
  );
  return rows;
}

/** Leases that have not run out. */
export async function activeLeases(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM leases WHERE expires_at > now()`);
  return rows[0]!.n;
}
