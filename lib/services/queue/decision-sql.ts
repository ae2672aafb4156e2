import type { Queryable } from "../../db/pool";
import { riskSqlLabel, type RiskValue } from "../../domain/risk";

// The statements on the experts' decisions (adjudications) and on the rows that set a sample aside
// (skips, flags). The lease transitions that go with them are in leases.ts.

/** What a decision is checked against: the thinking's length (for a span) and the judges (for "supports"). */
export async function sampleForDecision(db: Queryable, sampleId: number): Promise<{ thinking_length: number; judges: unknown }> {
  const { rows } = await db.query<{ thinking_length: number; judges: unknown }>(`SELECT length(thinking) AS thinking_length, judges FROM samples WHERE id = $1`, [sampleId]);
  return rows[0]!;
}

export type NewAdjudication = {
  sampleId: number;
  expertId: string;
  kind: "supports_judge" | "correction";
  supportedJudge: string | null;
  judgment: RiskValue;
  analysis: string | null;
  span: [number, number] | null;
  round: "first" | "second";
  startedAt: Date;
  undoUntil: Date;
};

/** The decision, or null when the expert or the round already has one (the unique keys settle a race). */
export async function insertAdjudication(db: Queryable, decision: NewAdjudication): Promise<{ id: string; undo_until: Date } | null> {
  const { rows } = await db.query<{ id: string; undo_until: Date }>(
    `INSERT INTO adjudications (sample_id, expert_id, kind, supported_judge, judgment, analysis, span_start, span_end, round, started_at, undo_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT DO NOTHING
     RETURNING id, undo_until`,
    [
      decision.sampleId,
      decision.expertId,
      decision.kind,
      decision.supportedJudge,
      riskSqlLabel(decision.judgment),
      decision.analysis,
      decision.span?.[0] ?? null,
      decision.span?.[1] ?? null,
      decision.round,
      decision.startedAt,
      decision.undoUntil,
    ],
  );
  return rows[0] ?? null;
}

export type OwnDecision = {
  id: string;
  round: "first" | "second";
  kind: string;
  supported_judge: string | null;
  judgment: string;
  analysis: string | null;
  span_start: number | null;
  span_end: number | null;
  undo_until: Date | null;
  /** Still within its undo window. */
  open: boolean;
};

/** The expert's decision on the sample, locked until the transaction ends. */
export async function lockOwnDecision(db: Queryable, sampleId: number, expertId: string): Promise<OwnDecision | null> {
  const { rows } = await db.query<OwnDecision>(
    `SELECT id, round, kind, supported_judge, judgment::text AS judgment, analysis, span_start, span_end, undo_until,
            coalesce(undo_until > now(), false) AS open
       FROM adjudications WHERE sample_id = $1 AND expert_id = $2 FOR UPDATE`,
    [sampleId, expertId],
  );
  return rows[0] ?? null;
}

export async function hasSecondOpinion(db: Queryable, sampleId: number): Promise<boolean> {
  const { rowCount } = await db.query(`SELECT 1 FROM adjudications WHERE sample_id = $1 AND round = 'second'`, [sampleId]);
  return Boolean(rowCount);
}

/** Takes a first decision back with the second-opinion item it may have queued. */
export async function deleteDecision(db: Queryable, decision: { id: string; round: "first" | "second" }, sampleId: number): Promise<void> {
  await db.query(`DELETE FROM adjudications WHERE id = $1`, [decision.id]);
  if (decision.round === "first") await db.query(`DELETE FROM queue_items WHERE sample_id = $1 AND round = 'second'`, [sampleId]);
}

/** The row that keeps a sample aside: a skip (from this expert's queue) or a flag (from everyone's). */
export async function insertAside(db: Queryable, kind: "skip" | "flag", sampleId: number, expertId: string, text: string): Promise<void> {
  await db.query(
    kind === "skip" ? `INSERT INTO queue_skips (sample_id, expert_id, reason) VALUES ($1, $2, $3)` : `INSERT INTO sample_flags (sample_id, expert_id, note) VALUES ($1, $2, $3)`,
    [sampleId, expertId, text],
  );
}

/** Closes the sample's open flags; how many there were. */
export async function resolveOpenFlags(db: Queryable, sampleId: number, resolverId: string | null): Promise<number> {
  const { rowCount } = await db.query(`UPDATE sample_flags SET resolved_at = now(), resolved_by_id = $2 WHERE sample_id = $1 AND resolved_at IS NULL`, [sampleId, resolverId]);
  return rowCount ?? 0;
}
