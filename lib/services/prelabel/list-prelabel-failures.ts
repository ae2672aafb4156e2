import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { PGBOSS_SCHEMA } from "../../jobs/boss";
import { PRELABEL_QUEUES_LIKE } from "../../prelabel/prelabel-queue";
import { optionalParam } from "../../validation";
import { parseInput } from "../parse-input";

export const prelabelFailuresSchema = z.strictObject({
  dataset: optionalParam(z.string().trim().min(1).max(200)),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

export type PrelabelFailureView = {
  jobId: string;
  sampleId: number | null;
  externalId: string | null;
  dataset: string | null;
  model: string | null;
  version: string | null;
  /** `retrying`: it runs again after a delay; `failed`: out of retries, a copy sits in the dead-letter queue. */
  state: "retrying" | "failed";
  attempts: number;
  maxAttempts: number;
  error: string;
  /** The start (4 KB) of what the guard answered, when it answered. */
  raw: string | null;
  at: string;
};

type FailureRow = {
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

/**
 * Pre-label jobs that failed, newest first: those waiting to retry and those out of retries, each with its
 * error and, for a reply the guard gave but the parser refused, the start of the reply.
 */
export async function listPrelabelFailures(actor: Actor | null, input: unknown = {}): Promise<PrelabelFailureView[]> {
  assertCan(actor, "stats:read");
  const { dataset, limit } = parseInput(prelabelFailuresSchema, input);
  const exists = await pool().query<{ present: boolean }>(`SELECT to_regclass('${PGBOSS_SCHEMA}.job') IS NOT NULL AS present`);
  if (!exists.rows[0]!.present) return [];
  const { rows } = await pool().query<FailureRow>(
    `SELECT j.id, j.state::text AS state, j.retry_count, j.retry_limit, j.data, j.output,
            coalesce(j.completed_on, j.started_on, j.created_on) AS at, s.external_id, d.name AS dataset
       FROM ${PGBOSS_SCHEMA}.job j
       LEFT JOIN samples s ON s.id = (j.data->>'sampleId')::int
       LEFT JOIN datasets d ON d.id = s.dataset_id
      WHERE j.name LIKE $1 AND (j.state = 'failed' OR (j.state = 'retry' AND j.output IS NOT NULL))
        AND ($2::text IS NULL OR d.name = $2)
      ORDER BY coalesce(j.completed_on, j.started_on, j.created_on) DESC
      LIMIT $3`,
    [PRELABEL_QUEUES_LIKE, dataset ?? null, limit],
  );
  return rows.map((row) => ({
    jobId: row.id,
    sampleId: row.data?.sampleId ?? null,
    externalId: row.external_id,
    dataset: row.dataset,
    model: row.data?.model ?? null,
    version: row.data?.version ?? null,
    state: row.state === "failed" ? "failed" : "retrying",
    // pg-boss counts retries on each fetch after the first.
    attempts: row.retry_count + 1,
    maxAttempts: row.retry_limit + 1,
    ...failureText(row.output),
    at: row.at.toISOString(),
  }));
}

function failureText(output: unknown): { error: string; raw: string | null } {
  if (output && typeof output === "object") {
    const record = output as { message?: unknown; raw?: unknown; value?: unknown };
    if (typeof record.message === "string") return { error: record.message, raw: typeof record.raw === "string" ? record.raw : null };
    if (typeof record.value === "string") return { error: record.value, raw: null };
  }
  return { error: output === null || output === undefined ? "unknown error" : JSON.stringify(output).slice(0, 500), raw: null };
}
