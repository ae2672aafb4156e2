import type { Queryable } from "../../db/pool";
import { NotFoundError } from "../../errors";

/** The id of the dataset with this name; a 404 when there is none. */
export async function datasetIdByName(db: Queryable, name: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM datasets WHERE name = $1`, [name]);
  if (!rows[0]) throw new NotFoundError(`no dataset named ${name}`);
  return rows[0].id;
}

/** The dataset's id when a name is given, null (every dataset) when not. */
export async function datasetScope(db: Queryable, name: string | undefined): Promise<string | null> {
  return name ? datasetIdByName(db, name) : null;
}

/** Creates the dataset when it is new; either way its id. */
export async function upsertDataset(db: Queryable, name: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO datasets (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [name],
  );
  return rows[0]!.id;
}

/** A dataset's settings as stored: shares and the gold floor in basis points. */
export type DatasetSettingsRow = {
  id: string;
  audit_share_bp: number;
  second_opinion_share_bp: number;
  gold_rate_bp: number;
  gold_floor_bp: number;
  calibration_items: number;
  daily_cap: number | null;
  break_after_minutes: number | null;
};

const SETTINGS_COLUMNS = "id, audit_share_bp, second_opinion_share_bp, gold_rate_bp, gold_floor_bp, calibration_items, daily_cap, break_after_minutes";

/** The dataset's settings, locked until the transaction ends: a settings change reads, then writes them. */
export async function lockDatasetSettings(db: Queryable, name: string): Promise<DatasetSettingsRow> {
  const { rows } = await db.query<DatasetSettingsRow>(`SELECT ${SETTINGS_COLUMNS} FROM datasets WHERE name = $1 FOR UPDATE`, [name]);
  if (!rows[0]) throw new NotFoundError(`no dataset named ${name}`);
  return rows[0];
}

export async function writeDatasetSettings(db: Queryable, settings: DatasetSettingsRow): Promise<void> {
  await db.query(
    `UPDATE datasets SET audit_share_bp = $2, second_opinion_share_bp = $3, gold_rate_bp = $4, gold_floor_bp = $5, calibration_items = $6,
            daily_cap = $7, break_after_minutes = $8, updated_at = now()
      WHERE id = $1`,
    [
      settings.id,
      settings.audit_share_bp,
      settings.second_opinion_share_bp,
      settings.gold_rate_bp,
      settings.gold_floor_bp,
      settings.calibration_items,
      settings.daily_cap,
      settings.break_after_minutes,
    ],
  );
}

/** The dataset's unanimous samples: those an audit share decides about. */
export async function unanimousSampleIds(db: Queryable, datasetId: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(`SELECT id FROM samples WHERE dataset_id = $1 AND route = 'unanimous'`, [datasetId]);
  return rows.map((row) => row.id);
}
