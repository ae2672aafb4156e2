import type { Queryable } from "../../db/pool";
import { PGBOSS_SCHEMA } from "../../jobs/boss";
import { PRELABEL_DEAD_LETTER, PRELABEL_QUEUES_LIKE } from "../../prelabel/prelabel-queue";

// Reads of pg-boss's job table for the pre-label panel: pg-boss's API counts one queue at a time and has
// no way to list failed jobs with their output, and there is one queue per model version. Until the first
// worker has started pg-boss, the table does not exist.

async function jobTableExists(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ present: boolean }>(`SELECT to_regclass('${PGBOSS_SCHEMA}.job') IS NOT NULL AS present`);
  return rows[0]!.present;
}

/** The pre-label jobs per state, those in the dead-letter queue apart. */
export async function prelabelJobStates(db: Queryable): Promise<{ dead: boolean; state: string; count: number }[]> {
  if (!(await jobTableExists(db))) return [];
  const { rows } = await db.query<{ dead: boolean; state: string; count: number }>(
    `SELECT name = $2 AS dead, state::text AS state, count(*)::int AS count FROM ${PGBOSS_SCHEMA}.job WHERE name LIKE $1 OR name = $2 GROUP BY 1, 2`,
    [PRELABEL_QUEUES_LIKE, PRELABEL_DEAD_LETTER],
  );
  return rows;
}

/** Of these singleton keys, those with a job on the queue that has not finished (waiting, retrying or running); pg-boss is started. */
export async function unfinishedJobKeys(db: Queryable, queue: string, keys: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ key: string }>(
    `SELECT singleton_key AS key FROM ${PGBOSS_SCHEMA}.job WHERE name = $1 AND singleton_key = ANY($2::text[]) AND state < 'completed'`,
    [queue, keys],
  );
  return new Set(rows.map((row) => row.key));
}

export type FailureRow = {
  id: string;
  state: "retry" | "failed";
  retry_count: number;
  retry_limit: number;
  data: { sampleId?: number; model?: string; version?: string } | null;
  output: unknown;
  at: Date;
  external_id: string | null;
  dataset: string | null;
};

/** Failed pre-label jobs, newest first: out of retries, or waiting to retry after an error with output. */
export async function prelabelFailureRows(db: Queryable, dataset: string | null, limit: number): Promise<FailureRow[]> {
  if (!(await jobTableExists(db))) return [];
  const { rows } = await db.query<FailureRow>(
    `SELECT j.id, j.state::text AS state, j.retry_count, j.retry_limit, j.data, j.output,
            coalesce(j.completed_on, j.started_on, j.created_on) AS at, s.external_id, d.name AS dataset
       FROM ${PGBOSS_SCHEMA}.job j
       LEFT JOIN samples s ON s.id = (j.data->>'sampleId')::int
       LEFT JOIN datasets d ON d.id = s.dataset_id
      WHERE j.name LIKE $1 AND (j.state = 'failed' OR (j.state = 'retry' AND j.output IS NOT NULL))
        AND ($2::text IS NULL OR d.name = $2)
      ORDER BY coalesce(j.completed_on, j.started_on, j.created_on) DESC
      LIMIT $3`,
    [PRELABEL_QUEUES_LIKE, dataset, limit],
  );
  return rows;
}
