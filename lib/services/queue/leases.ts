import type pg from "pg";
import { ConflictError, NotFoundError } from "../../errors";
import { lockSamplesForQueueChange } from "../../queue/sync-queue";
import { sampleDetailSelect } from "../samples/sample-detail-sql";
import type { QueueFilters } from "./queue-schemas";
import { availableToExpert } from "./queue-sql";

/**
 * The lease state machine. A sample waits in the queue (once per round), is held by one expert under a
 * lease, or is decided. Every change of state is one of these transitions, each inside its caller's
 * transaction (the claim is one statement of its own):
 *
 *   claimStatement  waiting → held     the first queue item nobody holds (SKIP LOCKED), or the expert's own live lease, renewed
 *   renew           held → held        the holder's lease runs longer; one that ran out but nobody took is still theirs
 *   lockHeld        held → held        the holder locks it to act on it (404: no such sample; 409: not theirs, or ran out)
 *   release         held → waiting     a skip or a flag: its own row keeps the sample from this expert, or from everyone
 *   complete        held → decided     a decision: the round's queue item goes with the lease
 *   retake          decided → held     an undo: the expert holds the sample again until the old lease would have ended
 *
 * A lease that runs out needs no transition: the sample is waiting again for everyone, and still the
 * holder's until someone claims it. Every transaction that acts on a held sample locks the sample row
 * first (`lockSamplesForQueueChange`), so it serialises with the queue sync that adds and drops items.
 */
export type HeldLease = { round: "first" | "second"; created_at: Date; expires_at: Date; live: boolean };

/**
 * The claim as one statement, so one round trip and no transaction held open between steps: renew the
 * expert's own newest live lease if there is one; otherwise lock the first available queue item (SKIP
 * LOCKED) and lease it with an upsert that replaces only an expired lease; then select the sample's
 * detail. `claim_outcome` is 'refused' when a live lease appeared between the queue read and the upsert.
 */
export function claimStatement(expertId: string, filters: QueueFilters, seconds: number): { text: string; values: unknown[] } {
  const { from, where, order, params } = availableToExpert(expertId, filters);
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
       ORDER BY ${order}
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

/** Extends the holder's lease by `seconds`; null when the caller does not hold it (someone else took it). */
export async function renew(client: pg.Pool | pg.ClientBase, sampleId: number, expertId: string, seconds: number): Promise<Date | null> {
  const { rows } = await client.query<{ expires_at: Date }>(
    `UPDATE leases SET expires_at = now() + make_interval(secs => $3) WHERE sample_id = $1 AND expert_id = $2 RETURNING expires_at`,
    [sampleId, expertId, seconds],
  );
  return rows[0]?.expires_at ?? null;
}

/**
 * Locks the sample and its lease for the rest of the transaction and checks that the caller holds it:
 * 404 for a sample that does not exist, 409 for a lease that is someone else's, missing or (when
 * `requireLive`) expired.
 */
export async function lockHeld(client: pg.ClientBase, sampleId: number, expertId: string, options: { requireLive: boolean }): Promise<HeldLease> {
  await lockSamplesForQueueChange(client, [sampleId]);
  const { rows } = await client.query<HeldLease & { expert_id: string }>(
    `SELECT expert_id, round, created_at, expires_at, expires_at > now() AS live FROM leases WHERE sample_id = $1 FOR UPDATE`,
    [sampleId],
  );
  const lease = rows[0];
  if (!lease) {
    const exists = await client.query(`SELECT 1 FROM samples WHERE id = $1`, [sampleId]);
    if (exists.rowCount === 0) throw new NotFoundError(`no sample with id ${sampleId}`);
  }
  if (!lease || lease.expert_id !== expertId) {
    throw new ConflictError("You do not hold this sample: claim it through the queue first.");
  }
  if (options.requireLive && !lease.live) {
    throw new ConflictError("Your lease on this sample expired and it went back to the queue. Claim it again to decide.");
  }
  return lease;
}

/** Gives a held sample back (after `lockHeld`): its queue item stays, for whoever may take it. */
export async function release(client: pg.ClientBase, sampleId: number): Promise<void> {
  await client.query(`DELETE FROM leases WHERE sample_id = $1`, [sampleId]);
}

/** Ends a held sample's round (after `lockHeld` and the decision's insert): the queue item goes with the lease. */
export async function complete(client: pg.ClientBase, sampleId: number, round: HeldLease["round"]): Promise<void> {
  await client.query(`DELETE FROM queue_items WHERE sample_id = $1 AND round = $2`, [sampleId, round]);
  await release(client, sampleId);
}

/**
 * Holds a decided sample again for the expert who decided it, until `until` (the lease it was decided
 * under), unless another expert holds a live lease on it now (409). The caller locked the sample first,
 * before the decision it takes back; the queue item comes back through the queue sync once that is gone.
 */
export async function retake(client: pg.ClientBase, sampleId: number, expertId: string, round: HeldLease["round"], until: Date): Promise<Date> {
  const { rows } = await client.query<{ expires_at: Date }>(
    `INSERT INTO leases (sample_id, expert_id, round, expires_at, created_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (sample_id) DO UPDATE
       SET expert_id = EXCLUDED.expert_id, round = EXCLUDED.round, expires_at = EXCLUDED.expires_at, created_at = now()
       WHERE leases.expires_at <= now() OR leases.expert_id = EXCLUDED.expert_id
     RETURNING expires_at`,
    [sampleId, expertId, round, until],
  );
  if (!rows[0]) throw new ConflictError("Another expert holds this sample now.");
  return rows[0].expires_at;
}
