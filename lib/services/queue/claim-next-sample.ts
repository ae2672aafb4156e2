import "server-only";
import type pg from "pg";
import type { Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { leaseSeconds } from "../../queue/lease-duration";
import { parseInput } from "../parse-input";
import { loadSampleDetail, type SampleDetail } from "../samples/load-sample-detail";
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
  const claimed = await inTransaction(async (client) => {
    const own = await client.query<{ sample_id: number; round: "first" | "second"; expires_at: Date }>(
      `UPDATE leases SET expires_at = now() + make_interval(secs => $2)
        WHERE sample_id = (SELECT sample_id FROM leases WHERE expert_id = $1 AND expires_at > now()
                            ORDER BY created_at DESC LIMIT 1 FOR UPDATE)
        RETURNING sample_id, round, expires_at`,
      [expertId, seconds],
    );
    if (own.rows[0]) return own.rows[0];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const candidate = await nextCandidate(client, expertId, filters);
      if (!candidate) return null;
      const lease = await client.query<{ expires_at: Date }>(
        `INSERT INTO leases (sample_id, expert_id, round, expires_at, created_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4), now())
         ON CONFLICT (sample_id) DO UPDATE
           SET expert_id = EXCLUDED.expert_id, round = EXCLUDED.round, expires_at = EXCLUDED.expires_at, created_at = now()
           WHERE leases.expires_at <= now()
         RETURNING expires_at`,
        [candidate.sample_id, expertId, candidate.round, seconds],
      );
      if (lease.rows[0]) return { ...candidate, expires_at: lease.rows[0].expires_at };
      // A live lease appeared between our read and our write: the upsert refused it; try the next item.
    }
    return null;
  });
  if (!claimed) return null;
  const sample = await loadSampleDetail(claimed.sample_id, { hideAdjudications: true });
  return { sample, round: claimed.round, leaseExpiresAt: claimed.expires_at.toISOString() };
}

async function nextCandidate(client: pg.PoolClient, expertId: string, filters: QueueFilters) {
  const { where, params } = availableToExpert(expertId, filters);
  const { rows } = await client.query<{ sample_id: number; round: "first" | "second" }>(
    `SELECT q.sample_id, q.round FROM queue_items q JOIN samples s ON s.id = q.sample_id
      WHERE ${where}
      ORDER BY q.priority, q.enqueued_at, q.sample_id
      LIMIT 1
      FOR UPDATE OF q SKIP LOCKED`,
    params,
  );
  return rows[0] ?? null;
}
