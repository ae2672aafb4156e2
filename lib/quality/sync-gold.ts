import type pg from "pg";
import { riskSqlLabel } from "../domain/risk";
import type { PreparedSample } from "../import/prepared-sample";

/**
 * Keeps the gold items that imports give in line with the lines just written (inside the import's
 * transaction, before the queue sync, which leaves gold samples out of the real queue): a line with
 * judges and a reference label is a gold sample with the reference as its answer; a changed line that
 * lost either is gold no longer. A gold item an admin promoted is theirs and is left alone.
 */
export async function syncImportedGold(client: pg.ClientBase, datasetId: string, written: { id: number; sample: PreparedSample }[], changedIds: number[]): Promise<void> {
  const gold = written.filter(({ sample }) => sample.reference !== null && sample.judges.length > 0);
  if (changedIds.length > 0) {
    const keep = new Set(gold.map(({ id }) => id));
    const dropped = changedIds.filter((id) => !keep.has(id));
    if (dropped.length > 0) await client.query(`DELETE FROM gold_items WHERE origin = 'reference' AND sample_id = ANY($1::int[])`, [dropped]);
  }
  if (gold.length === 0) return;
  await client.query(
    `INSERT INTO gold_items (sample_id, dataset_id, judgment, explanation, origin)
     SELECT u.sample_id, $1::uuid, u.judgment, u.explanation, 'reference' FROM unnest($2::int[], $3::risk_level[], $4::text[]) AS u(sample_id, judgment, explanation)
     ON CONFLICT (sample_id) DO UPDATE SET judgment = EXCLUDED.judgment, explanation = EXCLUDED.explanation
      WHERE gold_items.origin = 'reference'`,
    [datasetId, gold.map(({ id }) => id), gold.map(({ sample }) => riskSqlLabel(sample.reference!.judgment)), gold.map(({ sample }) => sample.reference!.explanation)],
  );
}
