import type { Queryable } from "../../db/pool";

// The statements on who works which part of the queue: samples sent to one expert, and datasets
// restricted to named experts or groups. The claim reads both (leases.ts, queue-sql.ts).

/** The expert's id when the email names an enabled user who may adjudicate. */
export async function adjudicatorIdByEmail(db: Queryable, email: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1 AND role IN ('expert', 'admin') AND disabled_at IS NULL`, [email]);
  return rows[0]?.id ?? null;
}

/**
 * Sends the given samples to the expert until `days` from now, replacing an earlier assignment of the
 * same sample: only those still waiting in the queue and not gold (a gold sample reaches experts only as
 * gold). Returns how many were assigned.
 */
export async function assignWaitingSamples(db: Queryable, sampleIds: number[], expertId: string, days: number, adminId: string | null): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO sample_assignments (sample_id, expert_id, expires_at, assigned_by_id)
     SELECT DISTINCT q.sample_id, $2::uuid, now() + make_interval(days => $3), $4::uuid
       FROM queue_items q WHERE q.sample_id = ANY($1::int[])
        AND NOT EXISTS (SELECT 1 FROM gold_items g WHERE g.sample_id = q.sample_id)
     ON CONFLICT (sample_id) DO UPDATE
       SET expert_id = EXCLUDED.expert_id, expires_at = EXCLUDED.expires_at, assigned_by_id = EXCLUDED.assigned_by_id, created_at = now()`,
    [sampleIds, expertId, days, adminId],
  );
  return rowCount ?? 0;
}

/** Replaces who may work the dataset's queue; no row at all opens it to every expert. */
export async function replaceDatasetAccess(db: Queryable, datasetId: string, expertIds: string[], groups: string[]): Promise<void> {
  await db.query(`DELETE FROM dataset_access WHERE dataset_id = $1`, [datasetId]);
  await db.query(
    `INSERT INTO dataset_access (dataset_id, expert_id, group_name)
     SELECT $1::uuid, e, NULL FROM unnest($2::uuid[]) AS e
     UNION ALL SELECT $1::uuid, NULL, g FROM unnest($3::text[]) AS g`,
    [datasetId, expertIds, groups],
  );
}

export async function userIdsByEmail(db: Queryable, emails: string[]): Promise<{ id: string; email: string }[]> {
  const { rows } = await db.query<{ id: string; email: string }>(`SELECT id, email FROM users WHERE email = ANY($1::text[])`, [emails]);
  return rows;
}
