import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { optionalParam } from "../../validation";
import { parseInput } from "../parse-input";
import { prelabelFailureRows } from "./prelabel-jobs-sql";

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

/**
 * Pre-label jobs that failed, newest first: those waiting to retry and those out of retries, each with its
 * error and, for a reply the guard gave but the parser refused, the start of the reply.
 */
export async function listPrelabelFailures(actor: Actor | null, input: unknown = {}): Promise<PrelabelFailureView[]> {
  assertCan(actor, "stats:read");
  const { dataset, limit } = parseInput(prelabelFailuresSchema, input);
  const rows = await prelabelFailureRows(pool(), dataset ?? null, limit);
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
