import type pg from "pg";
import type { RiskValue } from "../domain/risk";
import type { EvaluationCell } from "./evaluation";

type CellRow = { model: string; version: string; source: string | null; truth: string; predicted: string; count: number };

const SCOPE = `($1::uuid IS NULL OR s.dataset_id = $1::uuid)`;
const cell = (row: CellRow): EvaluationCell => ({ ...row, truth: Number(row.truth) as RiskValue, predicted: Number(row.predicted) as RiskValue });

/**
 * Every pre-label model version's verdicts against the reference labels and against the first expert
 * decision, counted per source and level pair. Only samples with a reference label (a partial index) or
 * with a decision are read, so this stays cheap on a large dataset of neither.
 */
export async function readEvaluationCells(client: pg.ClientBase, datasetId: string | null): Promise<{ vsReference: EvaluationCell[]; vsExpert: EvaluationCell[] }> {
  const vsReference = await client.query<CellRow>(
    `SELECT p.model_name AS model, p.model_version AS version, s.source, s.reference_judgment::text AS truth,
            p.judgment::text AS predicted, count(*)::int AS count
       FROM samples s JOIN prelabels p ON p.sample_id = s.id
      WHERE s.reference_judgment IS NOT NULL AND ${SCOPE} GROUP BY 1, 2, 3, 4, 5`,
    [datasetId],
  );
  const vsExpert = await client.query<CellRow>(
    `SELECT p.model_name AS model, p.model_version AS version, s.source, a.judgment::text AS truth,
            p.judgment::text AS predicted, count(*)::int AS count
       FROM adjudications a JOIN prelabels p ON p.sample_id = a.sample_id JOIN samples s ON s.id = a.sample_id
      WHERE a.round = 'first' AND ${SCOPE} GROUP BY 1, 2, 3, 4, 5`,
    [datasetId],
  );
  return { vsReference: vsReference.rows.map(cell), vsExpert: vsExpert.rows.map(cell) };
}
