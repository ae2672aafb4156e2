import type pg from "pg";

/** The queue's order: no majority first, then splits the pre-label disagrees with, other splits, audits. */
const PRIORITY = `CASE s.route WHEN 'no_majority' THEN 0
  WHEN 'majority' THEN CASE WHEN EXISTS (SELECT 1 FROM prelabels p WHERE p.sample_id = s.id AND p.judgment <> s.consensus) THEN 1 ELSE 2 END
  ELSE 3 END`;

// A reference sample has no judges to adjudicate between: it is never queued. A gold sample reaches
// experts only as gold (the claim mixes it in), never through the real queue.
const NEEDS_FIRST_OPINION = `(s.route IN ('majority', 'no_majority') OR (s.route = 'unanimous' AND s.audit_bucket < d.audit_share_bp))
  AND NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.sample_id = s.id AND a.round = 'first')
  AND NOT EXISTS (SELECT 1 FROM gold_items g WHERE g.sample_id = s.id)`;

/**
 * Serialises every change to the given samples' queue state: a decision, an undo and a sync that touch
 * one sample run one after another. Without it a sync that read the queue before a concurrent decision
 * committed would put the decided sample back (its insert waits on the decision's delete, then succeeds).
 * Every such transaction takes these locks first, before leases or queue items, and in id order, so two
 * of them cannot deadlock. NO KEY UPDATE leaves foreign-key checks on the samples free to proceed.
 */
export async function lockSamplesForQueueChange(client: pg.ClientBase, sampleIds: number[]): Promise<void> {
  if (sampleIds.length === 0) return;
  await client.query(`SELECT 1 FROM samples WHERE id = ANY($1::int[]) ORDER BY id FOR NO KEY UPDATE`, [sampleIds]);
}

/**
 * Brings the first-opinion queue in line with the given samples' votes, pre-labels, decisions and their
 * dataset's audit share: adds what now needs an expert, drops what no longer does, and re-prioritises.
 * Runs inside the caller's transaction.
 */
export async function syncFirstOpinionQueue(client: pg.ClientBase, sampleIds: number[]): Promise<void> {
  if (sampleIds.length === 0) return;
  await lockSamplesForQueueChange(client, sampleIds);
  await client.query(
    `DELETE FROM queue_items q USING samples s, datasets d
      WHERE q.sample_id = ANY($1::int[]) AND q.round = 'first' AND s.id = q.sample_id AND d.id = s.dataset_id
        AND NOT (${NEEDS_FIRST_OPINION})`,
    [sampleIds],
  );
  await enqueueNewSamples(client, sampleIds);
}

/**
 * Queues those of the given samples that need a first opinion and re-prioritises those already queued.
 * On its own it is the whole sync for samples inserted in the current transaction: nothing can have
 * queued them yet, so there is nothing to drop.
 */
export async function enqueueNewSamples(client: pg.ClientBase, sampleIds: number[]): Promise<void> {
  if (sampleIds.length === 0) return;
  await client.query(
    `INSERT INTO queue_items (sample_id, round, priority, enqueued_at, dataset_id)
     SELECT s.id, 'first', ${PRIORITY}, s.created_at, s.dataset_id
       FROM samples s JOIN datasets d ON d.id = s.dataset_id
      WHERE s.id = ANY($1::int[]) AND ${NEEDS_FIRST_OPINION}
     ON CONFLICT (sample_id, round) DO UPDATE SET priority = EXCLUDED.priority`,
    [sampleIds],
  );
}

/** Queues a blind second opinion on a decided sample when its bucket falls under the dataset's share. */
export async function queueSecondOpinionIfPicked(client: pg.ClientBase, sampleId: number): Promise<boolean> {
  return insertSecondOpinion(client, sampleId, "AND s.review_bucket < d.second_opinion_share_bp");
}

/** Puts a second opinion back in the queue (after its decision was undone). */
export async function requeueSecondOpinion(client: pg.ClientBase, sampleId: number): Promise<void> {
  await insertSecondOpinion(client, sampleId, "");
}

// The first decision's expert may not give the second opinion.
async function insertSecondOpinion(client: pg.ClientBase, sampleId: number, condition: string): Promise<boolean> {
  const { rowCount } = await client.query(
    `INSERT INTO queue_items (sample_id, round, priority, enqueued_at, excluded_expert_id, dataset_id)
     SELECT s.id, 'second', ${PRIORITY}, now(), a.expert_id, s.dataset_id
       FROM samples s JOIN datasets d ON d.id = s.dataset_id
       JOIN adjudications a ON a.sample_id = s.id AND a.round = 'first'
      WHERE s.id = $1 ${condition}
     ON CONFLICT (sample_id, round) DO NOTHING`,
    [sampleId],
  );
  return (rowCount ?? 0) > 0;
}
