import type { Queryable } from "../../db/pool";
import { EXPERT_DATASETS } from "../queue/queue-sql";

// The statements on experts' standing in a dataset's quality control: their calibration round, their
// pause, and the tallies of gold answers both are decided from.

/** Why a dataset's queue is closed to the expert, for those in scope that still have work waiting. */
export type ClosedDataset = {
  dataset: string;
  restricted: boolean;
  paused: boolean;
  calibration_failed: boolean;
  calibrating: boolean;
  gold_left: number;
  /** At the daily cap of decisions (docs/safe-viewing.md), which counts only while the expert has not chosen to go on. */
  capped: boolean;
  daily_cap: number | null;
};

export async function closedDatasetsOf(db: Queryable, expertId: string, dataset: string | null, beyondCap: boolean): Promise<ClosedDataset[]> {
  const { rows } = await db.query<ClosedDataset>(
    `WITH standing AS (${EXPERT_DATASETS})
     SELECT d.name AS dataset, s.restricted, s.paused, s.failed AS calibration_failed, s.uncalibrated AS calibrating,
            s.capped AND NOT $3 AS capped, d.daily_cap,
            (SELECT count(*)::int FROM gold_items g WHERE g.dataset_id = d.id
                AND NOT EXISTS (SELECT 1 FROM gold_answers ga WHERE ga.sample_id = g.sample_id AND ga.expert_id = $1)) AS gold_left
       FROM standing s JOIN datasets d ON d.id = s.id
      WHERE ($2::text IS NULL OR d.name = $2)
        AND (s.paused OR s.uncalibrated OR (s.capped AND NOT $3) OR ($2::text IS NOT NULL AND s.restricted))
        AND ($2::text IS NOT NULL OR EXISTS (SELECT 1 FROM queue_items q WHERE q.dataset_id = d.id))
      ORDER BY d.name`,
    [expertId, dataset, beyondCap],
  );
  return rows;
}

export type Standing = {
  calibration_round: number;
  calibrated_at: Date | null;
  calibration_failed_at: Date | null;
  paused_at: Date | null;
  pause_lifted_at: Date | null;
};

/**
 * The expert's standing on the dataset, created at its defaults when new, and locked until the transaction
 * ends: the no-op update on a conflict takes the row lock and returns the row in the same statement.
 */
export async function lockStanding(db: Queryable, expertId: string, datasetId: string): Promise<Standing> {
  const { rows } = await db.query<Standing>(
    `INSERT INTO expert_standings (expert_id, dataset_id) VALUES ($1, $2)
     ON CONFLICT (expert_id, dataset_id) DO UPDATE SET calibration_round = expert_standings.calibration_round
     RETURNING calibration_round, calibrated_at, calibration_failed_at, paused_at, pause_lifted_at`,
    [expertId, datasetId],
  );
  return rows[0]!;
}

export type StandingFields = Partial<{ calibrationRound: number; calibratedAt: "now" | null; calibrationFailedAt: "now" | null; pausedAt: "now" | null; pauseLiftedAt: "now" }>;

const COLUMNS: Record<keyof StandingFields, string> = { calibrationRound: "calibration_round", calibratedAt: "calibrated_at", calibrationFailedAt: "calibration_failed_at", pausedAt: "paused_at", pauseLiftedAt: "pause_lifted_at" };

/** Writes the given fields of a standing (after `lockStanding`); "now" is the transaction's time. */
export async function writeStanding(db: Queryable, expertId: string, datasetId: string, change: StandingFields): Promise<void> {
  const values: unknown[] = [expertId, datasetId];
  const sets = Object.entries(change).map(([field, value]) => {
    const column = COLUMNS[field as keyof StandingFields];
    if (value === "now") return `${column} = now()`;
    values.push(value);
    return `${column} = $${values.length}`;
  });
  if (sets.length === 0) return;
  await db.query(`UPDATE expert_standings SET ${sets.join(", ")}, updated_at = now() WHERE expert_id = $1 AND dataset_id = $2`, values);
}

/** Scored gold answers: those of one calibration round, or (round null) all given after `since` (null: ever). */
export async function goldTally(db: Queryable, expertId: string, datasetId: string, filter: { round: number } | { since: Date | null }): Promise<{ correct: number; n: number }> {
  const { rows } = await db.query<{ correct: number; n: number }>(
    `SELECT count(*) FILTER (WHERE correct)::int AS correct, count(*)::int AS n FROM gold_answers
      WHERE expert_id = $1 AND dataset_id = $2 AND correct IS NOT NULL
        AND ${"round" in filter ? "calibration_round = $3" : "($3::timestamptz IS NULL OR answered_at > $3)"}`,
    [expertId, datasetId, "round" in filter ? filter.round : filter.since],
  );
  return rows[0]!;
}

/** A dataset's quality-control settings, as fractions and a count. */
export async function qualitySettings(db: Queryable, datasetId: string): Promise<{ name: string; floor: number; calibrationItems: number }> {
  const { rows } = await db.query<{ name: string; floor: number; calibration_items: number }>(
    `SELECT name, gold_floor_bp / 10000.0 AS floor, calibration_items FROM datasets WHERE id = $1`,
    [datasetId],
  );
  return { name: rows[0]!.name, floor: Number(rows[0]!.floor), calibrationItems: rows[0]!.calibration_items };
}

