import type { Queryable } from "../../db/pool";

// The statements on who works which part of the queue: items sent to one expert (columns of the queue
// item), and datasets restricted to named experts or groups. The claim reads both (leases.ts, queue-sql.ts).

/** The expert's id when the email names an enabled user who may adjudicate. */
export async function adjudicatorIdByEmail(db: Queryable, email: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1 AND role IN ('expert', 'admin') AND disabled_at IS NULL`, [email]);
  return rows[0]?.id ?? null;
}

/**
 * Sends the given samples' waiting items to the expert until `days` from now, replacing an earlier
 * assignment: only samples still in the queue are touched (a gold sample never is). Returns how many
 * samples were assigned.
 */
export async function assignWaitingSamples(db: Queryable, sampleIds: number[], expertId: string, days: number): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `WITH assigned AS (
       UPDATE queue_items SET assigned_to_id = $2, assigned_until = now() + make_interval(days => $3), assigned_at = now()
        WHERE sample_id = ANY($1::int[]) RETURNING sample_id)
     SELECT count(DISTINCT sample_id)::int AS count FROM assigned`,
    [sampleIds, expertId, days],
  );
  return rows[0]!.count;
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
