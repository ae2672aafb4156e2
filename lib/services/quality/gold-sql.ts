import type { Queryable } from "../../db/pool";
import { riskSqlLabel, type RiskValue } from "../../domain/risk";

// The statements on gold samples and on the gold answers experts give them. The claim that serves them
// is the queue's (leases.ts); everything after the serve is here.

export type OpenGold = {
  id: string;
  dataset_id: string;
  expected: string;
  calibration_round: number | null;
  served_at: Date;
  expires_at: Date;
  live: boolean;
};

/** The expert's open (served, unanswered) gold answer on the sample, locked; null when they hold none. */
export async function lockOpenGold(db: Queryable, sampleId: number, expertId: string): Promise<OpenGold | null> {
  const { rows } = await db.query<OpenGold>(
    `SELECT id, dataset_id, expected::text AS expected, calibration_round, served_at, expires_at, expires_at > now() AS live
       FROM gold_answers WHERE sample_id = $1 AND expert_id = $2 AND answered_at IS NULL FOR UPDATE`,
    [sampleId, expertId],
  );
  return rows[0] ?? null;
}

export type GoldAnswerInput = {
  kind: "supports_judge" | "correction";
  supportedJudge: string | null;
  judgment: RiskValue;
  analysis: string | null;
  span: [number, number] | null;
  correct: boolean;
  /** Null in calibration, whose answers are final once the reference is shown. */
  undoUntil: Date | null;
};

export async function recordGoldAnswer(db: Queryable, id: string, answer: GoldAnswerInput): Promise<void> {
  await db.query(
    `UPDATE gold_answers SET answered_at = now(), kind = $2, supported_judge = $3, judgment = $4, analysis = $5, span_start = $6, span_end = $7,
            correct = $8, undo_until = $9
      WHERE id = $1`,
    [id, answer.kind, answer.supportedJudge, riskSqlLabel(answer.judgment), answer.analysis, answer.span?.[0] ?? null, answer.span?.[1] ?? null, answer.correct, answer.undoUntil],
  );
}

/** Closes an open gold answer unscored: the expert skipped or flagged the sample. */
export async function setGoldAside(db: Queryable, id: string, kind: "skip" | "flag"): Promise<void> {
  await db.query(`UPDATE gold_answers SET answered_at = now(), set_aside = $2 WHERE id = $1`, [id, kind]);
}

export type AnsweredGold = { id: string; kind: string; supported_judge: string | null; judgment: string; undo_until: Date | null; open: boolean };

/** The expert's scored answer on the gold sample, locked; null when they gave none. */
export async function lockAnsweredGold(db: Queryable, sampleId: number, expertId: string): Promise<AnsweredGold | null> {
  const { rows } = await db.query<AnsweredGold>(
    `SELECT id, kind::text AS kind, supported_judge, judgment::text AS judgment, undo_until, coalesce(undo_until > now(), false) AS open
       FROM gold_answers WHERE sample_id = $1 AND expert_id = $2 AND correct IS NOT NULL FOR UPDATE`,
    [sampleId, expertId],
  );
  return rows[0] ?? null;
}

/** Takes a gold answer back: open again, held by the expert until `until`. */
export async function reopenGold(db: Queryable, id: string, until: Date): Promise<void> {
  await db.query(
    `UPDATE gold_answers SET answered_at = NULL, kind = NULL, supported_judge = NULL, judgment = NULL, analysis = NULL, span_start = NULL,
            span_end = NULL, correct = NULL, undo_until = NULL, expires_at = $2
      WHERE id = $1`,
    [id, until],
  );
}

/** Extends the expert's hold on their open gold sample; null when they hold none. */
export async function renewGold(db: Queryable, sampleId: number, expertId: string, seconds: number): Promise<Date | null> {
  const { rows } = await db.query<{ expires_at: Date }>(
    `UPDATE gold_answers SET expires_at = now() + make_interval(secs => $3)
      WHERE sample_id = $1 AND expert_id = $2 AND answered_at IS NULL RETURNING expires_at`,
    [sampleId, expertId, seconds],
  );
  return rows[0]?.expires_at ?? null;
}

/** Why the gold sample's answer is what it is, now: what a calibrating expert reads after answering. */
export async function goldExplanation(db: Queryable, sampleId: number): Promise<string | null> {
  const { rows } = await db.query<{ explanation: string | null }>(`SELECT explanation FROM gold_items WHERE sample_id = $1`, [sampleId]);
  return rows[0]?.explanation ?? null;
}

export type PromotionCandidate = { id: number; dataset_id: string; has_judges: boolean; adjudicated: boolean };

/** A sample an admin may promote, by id or by dataset and external id: whether it has judges and a decision. */
export async function promotionCandidate(db: Queryable, target: { sampleId: number } | { dataset: string; externalId: string }): Promise<PromotionCandidate | null> {
  const byId = "sampleId" in target;
  const { rows } = await db.query<PromotionCandidate>(
    `SELECT s.id, s.dataset_id, s.route <> 'reference' AS has_judges, EXISTS (SELECT 1 FROM adjudications a WHERE a.sample_id = s.id) AS adjudicated
       FROM samples s JOIN datasets d ON d.id = s.dataset_id
      WHERE ${byId ? "s.id = $1" : "d.name = $1 AND s.external_id = $2"}`,
    byId ? [target.sampleId] : [target.dataset, target.externalId],
  );
  return rows[0] ?? null;
}

/** Makes the sample gold with the admin's answer (replacing an imported reference's), returning the previous answer. */
export async function upsertPromotedGold(db: Queryable, gold: { sampleId: number; datasetId: string; judgment: RiskValue; explanation: string | null; adminId: string | null }): Promise<{ judgment: string; explanation: string | null; origin: string } | null> {
  const { rows: before } = await db.query<{ judgment: string; explanation: string | null; origin: string }>(
    `SELECT judgment::text AS judgment, explanation, origin::text AS origin FROM gold_items WHERE sample_id = $1 FOR UPDATE`,
    [gold.sampleId],
  );
  await db.query(
    `INSERT INTO gold_items (sample_id, dataset_id, judgment, explanation, origin, created_by_id) VALUES ($1, $2, $3, $4, 'promoted', $5)
     ON CONFLICT (sample_id) DO UPDATE
       SET judgment = EXCLUDED.judgment, explanation = EXCLUDED.explanation, origin = 'promoted', created_by_id = EXCLUDED.created_by_id, created_at = now()`,
    [gold.sampleId, gold.datasetId, riskSqlLabel(gold.judgment), gold.explanation, gold.adminId],
  );
  return before[0] ?? null;
}

/** A gold sample leaves the real queue: its items (either round) and any lease on them go. */
export async function dropFromRealQueue(db: Queryable, sampleId: number): Promise<void> {
  await db.query(`DELETE FROM queue_items WHERE sample_id = $1`, [sampleId]);
  await db.query(`DELETE FROM leases WHERE sample_id = $1`, [sampleId]);
}

/**
 * Takes back a gold sample served to the expert that they never answered (a claim-ahead they did not
 * use): they may meet it again later, since nothing of it was scored.
 */
export async function withdrawOpenGold(db: Queryable, id: string): Promise<void> {
  await db.query(`DELETE FROM gold_answers WHERE id = $1 AND answered_at IS NULL`, [id]);
}
