import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { PGBOSS_SCHEMA, PRELABEL_DEAD_LETTER, PRELABEL_QUEUE } from "../../prelabel/prelabel-queue";

export type PrelabelPanel = {
  coverage: { dataset: string; samples: number; model: string | null; version: string | null; labelled: number }[];
  queue: { created: number; retry: number; active: number; completed: number; failed: number; deadLettered: number };
  failures: { jobId: string; sampleId: number | null; error: string; at: string }[];
  throughput: { lastMinute: number; lastTenMinutes: number };
};

/** Pre-label coverage per dataset and model version, the job queue's state, recent failures and throughput. */
export async function getPrelabelPanel(actor: Actor | null): Promise<PrelabelPanel> {
  assertCan(actor, "stats:read");
  const coverage = await pool().query<{ dataset: string; samples: number; model: string | null; version: string | null; labelled: number }>(
    `SELECT d.name AS dataset, (SELECT count(*)::int FROM samples x WHERE x.dataset_id = d.id) AS samples,
            p.model_name AS model, p.model_version AS version, count(DISTINCT p.sample_id)::int AS labelled
       FROM datasets d
       LEFT JOIN samples s ON s.dataset_id = d.id
       LEFT JOIN prelabels p ON p.sample_id = s.id
      GROUP BY d.id, d.name, p.model_name, p.model_version
      ORDER BY d.name, p.model_name NULLS LAST, p.model_version`,
  );
  const throughput = await pool().query<{ minute: number; ten: number }>(
    `SELECT count(*) FILTER (WHERE created_at > now() - interval '1 minute')::int AS minute,
            count(*) FILTER (WHERE created_at > now() - interval '10 minutes')::int AS ten
       FROM prelabels WHERE origin = 'worker' AND created_at > now() - interval '10 minutes'`,
  );
  const queue = { created: 0, retry: 0, active: 0, completed: 0, failed: 0, deadLettered: 0 };
  let failures: PrelabelPanel["failures"] = [];
  const exists = await pool().query<{ present: boolean }>(`SELECT to_regclass('${PGBOSS_SCHEMA}.job') IS NOT NULL AS present`);
  if (exists.rows[0]!.present) {
    const states = await pool().query<{ name: string; state: string; count: number }>(
      `SELECT name, state::text AS state, count(*)::int AS count FROM ${PGBOSS_SCHEMA}.job WHERE name IN ($1, $2) GROUP BY 1, 2`,
      [PRELABEL_QUEUE, PRELABEL_DEAD_LETTER],
    );
    for (const row of states.rows) {
      if (row.name === PRELABEL_DEAD_LETTER) queue.deadLettered += row.count;
      else if (row.state in queue) queue[row.state as keyof typeof queue] = row.count;
    }
    const failed = await pool().query<{ id: string; data: { sampleId?: number } | null; output: unknown; completed_on: Date | null; created_on: Date }>(
      `SELECT id, data, output, completed_on, created_on FROM ${PGBOSS_SCHEMA}.job
        WHERE name = $1 AND (state = 'failed' OR (state = 'retry' AND output IS NOT NULL))
        ORDER BY coalesce(completed_on, created_on) DESC LIMIT 20`,
      [PRELABEL_QUEUE],
    );
    failures = failed.rows.map((row) => ({
      jobId: row.id,
      sampleId: row.data?.sampleId ?? null,
      error: errorText(row.output),
      at: (row.completed_on ?? row.created_on).toISOString(),
    }));
  }
  return {
    coverage: coverage.rows,
    queue,
    failures,
    throughput: { lastMinute: throughput.rows[0]!.minute / 60, lastTenMinutes: throughput.rows[0]!.ten / 600 },
  };
}

function errorText(output: unknown): string {
  if (output && typeof output === "object" && "message" in output) return String((output as { message: unknown }).message);
  return output === null || output === undefined ? "unknown error" : JSON.stringify(output).slice(0, 500);
}
