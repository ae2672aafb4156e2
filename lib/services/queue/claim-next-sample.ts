import "server-only";
import type { Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { preparedQuery } from "../../db/prepared";
import { leaseSeconds } from "../../queue/lease-duration";
import { parseInput } from "../parse-input";
import { sampleDetailOf, sampleDetailSelect, type SampleDetail, type SampleDetailRow } from "../samples/load-sample-detail";
import { queueFiltersSchema, type QueueFilters } from "./queue-schemas";
import { availableToExpert } from "./queue-sql";
import { requireExpert } from "./require-expert";

export type Claim = { sample: SampleDetail; round: "first" | "second"; leaseExpiresAt: string };

const MAX_ATTEMPTS = 8;

/**
 * Claims the next sample for an expert: their own unfinished lease first (the newest, which after an
 * undo is the sample taken back), otherwise the first queue item
 * in priority order that nobody holds. Rows are locked with SKIP LOCKED so concurrent claimers pass each
 * other, and the lease is written with a conditional upsert, so two experts can never hold one sample.
 * Returns null when the queue (under the filters) is empty.
 */
export async function claimNextSample(actor: Actor | null, rawFilters: unknown): Promise<Claim | null> {
  const expertId = requireExpert(actor);
  const filters = parseInput(queueFiltersSchema, rawFilters);
  const seconds = leaseSeconds();
  const claimed = await claim(expertId, filters, seconds);
  if (!claimed) return null;
  return { sample: sampleDetailOf(claimed), round: claimed.claim_round, leaseExpiresAt: claimed.lease_expires_at.toISOString() };
}

type ClaimRow = SampleDetailRow & { claim_round: "first" | "second"; lease_expires_at: Date; claim_outcome: "leased" | "refused" };

/**
 * One statement, so one round trip and no transaction held open between steps: renew the expert's own
 * newest live lease if there is one; otherwise lock the first available queue item (SKIP LOCKED) and
 * lease it with an upsert that only replaces an expired lease; then select the leased sample's detail.
 */
export function claimStatement(expertId: string, filters: QueueFilters, seconds: number): { text: string; values: unknown[] } {
  const { from, where, params } = availableToExpert(expertId, filters);
  const lease = `$${params.length + 1}`;
  const sql = `
    WITH own AS (
      UPDATE leases SET expires_at = now() + make_interval(secs => ${lease})
       WHERE sample_id = (SELECT sample_id FROM leases WHERE expert_id = $1 AND expires_at > now()
                           ORDER BY created_at DESC LIMIT 1 FOR UPDATE)
       RETURNING sample_id, round, expires_at),
    candidate AS (
      SELECT q.sample_id, q.round FROM ${from}
       WHERE NOT EXISTS (SELECT 1 FROM own) AND ${where}
       ORDER BY q.priority, q.enqueued_at, q.sample_id
       LIMIT 1
       FOR UPDATE OF q SKIP LOCKED),
    taken AS (
      INSERT INTO leases (sample_id, expert_id, round, expires_at, created_at)
      SELECT sample_id, $1, round, now() + make_interval(secs => ${lease}), now() FROM candidate
      ON CONFLICT (sample_id) DO UPDATE
        SET expert_id = EXCLUDED.expert_id, round = EXCLUDED.round, expires_at = EXCLUDED.expires_at, created_at = now()
        WHERE leases.expires_at <= now()
      RETURNING sample_id, round, expires_at)
    SELECT c.round AS claim_round, c.expires_at AS lease_expires_at, c.outcome AS claim_outcome, detail.*
      FROM (SELECT sample_id, round, expires_at, 'leased' AS outcome FROM own
            UNION ALL SELECT sample_id, round, expires_at, 'leased' FROM taken
            UNION ALL SELECT sample_id, round, NULL, 'refused' FROM candidate WHERE NOT EXISTS (SELECT 1 FROM taken)) c
      LEFT JOIN LATERAL (${sampleDetailSelect("c.sample_id", null)}) detail ON c.outcome = 'leased'`;
  return { text: sql, values: [...params, seconds] };
}

async function claim(expertId: string, filters: QueueFilters, seconds: number): Promise<ClaimRow | null> {
  const { text, values } = claimStatement(expertId, filters, seconds);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const { rows } = await preparedQuery<ClaimRow>(pool(), text, values);
    const row = rows[0];
    if (!row) return null;
    if (row.claim_outcome === "leased") return row;
    // A live lease appeared between the queue read and the upsert, which refused it: try the next item.
  }
  return null;
}
