import type pg from "pg";
import { ConflictError, NotFoundError } from "../../errors";
import { lockSamplesForQueueChange } from "../../queue/sync-queue";
import { sampleDetailSelect } from "../samples/sample-detail-sql";
import type { QueueFilters } from "./queue-schemas";
import { availableToExpert, EXPERT_DATASETS } from "./queue-sql";

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
 * holder's until someone claims it.
 *
 * A gold sample (docs/quality-control.md) is never in the queue and can be held by many experts at once:
 * the claim serves it as a row of `gold_answers` (one per sample and expert, so never twice), held like a
 * lease until it is answered, set aside or runs out. The services that act on a held sample look for the
 * caller's open gold answer first; its statements are in services/quality/gold-sql.ts. Every transaction that acts on a held sample locks the sample row
 * first (`lockSamplesForQueueChange`), so it serialises with the queue sync that adds and drops items.
 */
export const EXPIRED_LEASE_MESSAGE = "Your lease on this sample expired and it went back to the queue. Claim it again to decide.";

export type HeldLease = { round: "first" | "second"; created_at: Date; expires_at: Date; live: boolean };

/**
 * The claim as one statement, so one round trip and no transaction held open between steps:
 *
 * 1. the expert's own newest live lease, renewed; else their open gold sample, renewed;
 * 2. else the oldest item an admin sent to them, then the first available queue item (SKIP LOCKED), outside
 *    the datasets closed to them (restricted to others, pausing them, awaiting their calibration, or at
 *    their daily cap unless `beyondCap`); an
 *    item sent to another expert is not available until that assignment runs out;
 * 3. a gold sample instead when a calibration round is open to them in scope (calibration serves only
 *    gold), or, at the item's dataset's gold rate, one of that dataset's gold samples they have not seen
 *    that matches the same filters: the first such after a random point of the dataset's gold samples in
 *    id order, wrapping around, so that the walk is short and each claim meets them in its own order;
 * 4. the item leased with an upsert that replaces only an expired lease, or the gold sample served with an
 *    insert whose unique key (sample, expert) serves it to them at most once;
 * 5. the sample's detail.
 *
 * A claim-ahead (`ahead`) skips step 1: the workspace takes the next sample while the expert reads the
 * current one, under the same rules, and only while they hold fewer than two; it gives back one it does
 * not use (`releaseHold`).
 *
 * `claim_outcome` is 'refused' when a live lease (or a second serve of the gold sample, from the same
 * expert's other tab) appeared between the read and the write: the caller tries again.
 */
/** `beyondCap`: the expert chose to go on past a daily cap; `ahead`: a claim-ahead, see below. */
export type ClaimMode = { beyondCap: boolean; ahead: boolean };

/** How many samples a claim-ahead lets an expert hold at once: the one in hand and the next. */
const MOST_HELD_AHEAD = 2;

export function claimStatement(expertId: string, filters: QueueFilters, seconds: number, { beyondCap, ahead }: ClaimMode): { text: string; values: unknown[] } {
  const { from, where, order, params, scope } = availableToExpert(expertId, filters);
  // A dataset whose daily cap the expert reached is closed too, until they choose to go on (docs/safe-viewing.md).
  const closed = `restricted OR paused OR uncalibrated${beyondCap ? "" : ahead ? " OR capped_ahead" : " OR capped"}`;
  const lease = `$${params.length + 1}`;
  const hold = `now() + make_interval(secs => ${lease})`;
  const goldSamples = scope.sampleFilters("gs") === "TRUE" ? "gold_items g" : "gold_items g JOIN samples gs ON gs.id = g.sample_id";
  // A gold sample the expert may meet: it matches the claim's filters, they have not met it, and (when
  // promoted) it is not one they adjudicated themselves, whose answer they would know.
  const goldAvailable = `${scope.sampleFilters("gs")}
            AND NOT EXISTS (SELECT 1 FROM gold_answers ga WHERE ga.sample_id = g.sample_id AND ga.expert_id = $1)
            AND NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.sample_id = g.sample_id AND a.expert_id = $1)`;
  // The first such gold sample on one side of the walk's random start, in id order.
  const goldWalk = (side: ">=" | "<") => `(SELECT g.sample_id, g.judgment FROM ${goldSamples}
              WHERE g.dataset_id = t.dataset_id AND g.sample_id ${side} t.start AND ${goldAvailable}
              ORDER BY g.sample_id LIMIT 1)`;
  // A queue item the expert may take now: no lease or gold sample of their own comes first, and its
  // dataset is open to them.
  // A claim-ahead takes a new sample beside the one in hand, and only while the expert holds fewer than two.
  const heldAhead = `(SELECT count(*) FROM leases WHERE expert_id = $1 AND expires_at > now())
            + (SELECT count(*) FROM gold_answers WHERE expert_id = $1 AND answered_at IS NULL AND expires_at > now()) < ${MOST_HELD_AHEAD}`;
  const takeable = `NOT EXISTS (SELECT 1 FROM own) AND NOT EXISTS (SELECT 1 FROM own_gold) AND ${where}
         AND q.dataset_id NOT IN (SELECT id FROM standing WHERE ${closed})${ahead ? ` AND ${heldAhead}` : ""}`;
  const own = ahead
    ? `SELECT sample_id, round, expires_at FROM leases WHERE false`
    : `UPDATE leases SET expires_at = ${hold}
       WHERE sample_id = (SELECT sample_id FROM leases WHERE expert_id = $1 AND expires_at > now()
                           ORDER BY created_at DESC LIMIT 1 FOR UPDATE)
       RETURNING sample_id, round, expires_at`;
  const ownGold = ahead
    ? `SELECT sample_id, expires_at FROM gold_answers WHERE false`
    : `UPDATE gold_answers SET expires_at = ${hold}
       WHERE id = (SELECT id FROM gold_answers WHERE expert_id = $1 AND answered_at IS NULL AND expires_at > now()
                    ORDER BY served_at DESC LIMIT 1 FOR UPDATE)
         AND NOT EXISTS (SELECT 1 FROM own)
       RETURNING sample_id, expires_at`;
  const sql = `
    WITH own AS (${own}),
    standing AS MATERIALIZED (${EXPERT_DATASETS}),
    own_gold AS (${ownGold}),
    assigned AS (
      SELECT q.sample_id, q.round, q.dataset_id FROM ${from}
       WHERE q.assigned_to_id = $1 AND q.assigned_until > now() AND ${takeable}
       ORDER BY q.assigned_at, q.priority, q.sample_id
       LIMIT 1
       FOR UPDATE OF q SKIP LOCKED),
    queued AS (
      SELECT q.sample_id, q.round, q.dataset_id FROM ${from}
       WHERE NOT EXISTS (SELECT 1 FROM assigned) AND ${takeable}
       ORDER BY ${order}
       LIMIT 1
       FOR UPDATE OF q SKIP LOCKED),
    candidate AS (SELECT * FROM assigned UNION ALL SELECT * FROM queued),
    gold_target AS (
      SELECT id AS dataset_id, calibration_round, 0 AS rank FROM standing
       WHERE uncalibrated AND NOT failed AND NOT paused AND NOT restricted${beyondCap ? "" : ahead ? " AND NOT capped_ahead" : " AND NOT capped"} AND ${scope.datasetFilter("id")}${ahead ? ` AND ${heldAhead}` : ""}
      UNION ALL
      -- An item sent to the expert by name is never traded for gold.
      SELECT c.dataset_id, NULL, 1 FROM queued c JOIN standing d ON d.id = c.dataset_id WHERE random() * 10000 < d.gold_rate_bp),
    gold_start AS (
      -- Where in the dataset's gold samples the walk starts: anywhere, so each claim meets them in its own order.
      SELECT t.*, (SELECT min(g.sample_id) + floor(random() * (max(g.sample_id) - min(g.sample_id) + 1))::int
                     FROM gold_items g WHERE g.dataset_id = t.dataset_id) AS start
        FROM gold_target t
       WHERE NOT EXISTS (SELECT 1 FROM own) AND NOT EXISTS (SELECT 1 FROM own_gold)),
    gold_pick AS (
      SELECT t.dataset_id, t.calibration_round, pick.sample_id, pick.judgment FROM gold_start t
       CROSS JOIN LATERAL (
         SELECT * FROM (${goldWalk(">=")} UNION ALL ${goldWalk("<")}) wrapped LIMIT 1) pick
       ORDER BY t.rank LIMIT 1),
    taken AS (
      INSERT INTO leases (sample_id, expert_id, round, expires_at, created_at)
      SELECT sample_id, $1, round, ${hold}, now() FROM candidate WHERE NOT EXISTS (SELECT 1 FROM gold_pick)
      ON CONFLICT (sample_id) DO UPDATE
        SET expert_id = EXCLUDED.expert_id, round = EXCLUDED.round, expires_at = EXCLUDED.expires_at, created_at = now()
        WHERE leases.expires_at <= now()
      RETURNING sample_id, round, expires_at),
    gold_taken AS (
      INSERT INTO gold_answers (sample_id, expert_id, dataset_id, expected, calibration_round, expires_at)
      SELECT sample_id, $1, dataset_id, judgment, calibration_round, ${hold} FROM gold_pick
      ON CONFLICT (sample_id, expert_id) DO NOTHING
      RETURNING sample_id, expires_at)
    SELECT c.round AS claim_round, c.expires_at AS lease_expires_at, c.outcome AS claim_outcome, detail.*
      FROM (SELECT sample_id, round, expires_at, 'leased' AS outcome FROM own
            UNION ALL SELECT sample_id, 'first', expires_at, 'leased' FROM own_gold
            UNION ALL SELECT sample_id, round, expires_at, 'leased' FROM taken
            UNION ALL SELECT sample_id, 'first', expires_at, 'leased' FROM gold_taken
            UNION ALL SELECT sample_id, round, NULL, 'refused' FROM candidate
                       WHERE NOT EXISTS (SELECT 1 FROM gold_pick) AND NOT EXISTS (SELECT 1 FROM taken)
            UNION ALL SELECT sample_id, 'first', NULL, 'refused' FROM gold_pick WHERE NOT EXISTS (SELECT 1 FROM gold_taken)) c
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
    throw new ConflictError(EXPIRED_LEASE_MESSAGE);
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
