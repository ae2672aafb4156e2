import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { syncFirstOpinionQueue } from "../../queue/sync-queue";
import { parseInput } from "../parse-input";
import { lockDatasetSettings, unanimousSampleIds, writeDatasetSettings, type DatasetSettingsRow } from "./dataset-sql";
import { datasetSettingsSchema, type DatasetSettings } from "./dataset-settings.schema";

const fromBasisPoints = (bp: number) => bp / 10_000;
const toBasisPoints = (share: number | undefined, current: number) => (share === undefined ? current : Math.round(share * 10_000));

function settingsOf(row: DatasetSettingsRow): DatasetSettings {
  return {
    auditShare: fromBasisPoints(row.audit_share_bp),
    secondOpinionShare: fromBasisPoints(row.second_opinion_share_bp),
    goldRate: fromBasisPoints(row.gold_rate_bp),
    goldFloor: fromBasisPoints(row.gold_floor_bp),
    calibrationItems: row.calibration_items,
    dailyCap: row.daily_cap,
    breakAfterMinutes: row.break_after_minutes,
  };
}

/**
 * Sets a dataset's shares (audit of unanimous samples, second opinions), its quality control (the gold
 * rate mixed into claims, the gold floor, the calibration round's length), its safe viewing (the daily cap, the break reminder), and re-syncs its queue so a new
 * audit share applies at once. Fields left out keep their value.
 */
export async function updateDatasetSettings(actor: Actor | null, name: string, body: unknown): Promise<{ name: string } & DatasetSettings> {
  assertCan(actor, "dataset:configure");
  const input = parseInput(datasetSettingsSchema, body);
  return inTransaction(async (client) => {
    const current = await lockDatasetSettings(client, name);
    const next: DatasetSettingsRow = {
      id: current.id,
      audit_share_bp: toBasisPoints(input.auditShare, current.audit_share_bp),
      second_opinion_share_bp: toBasisPoints(input.secondOpinionShare, current.second_opinion_share_bp),
      gold_rate_bp: toBasisPoints(input.goldRate, current.gold_rate_bp),
      gold_floor_bp: toBasisPoints(input.goldFloor, current.gold_floor_bp),
      calibration_items: input.calibrationItems ?? current.calibration_items,
      // null is a value here (no cap, no reminder); only a field left out keeps the current one.
      daily_cap: input.dailyCap === undefined ? current.daily_cap : input.dailyCap,
      break_after_minutes: input.breakAfterMinutes === undefined ? current.break_after_minutes : input.breakAfterMinutes,
    };
    await writeDatasetSettings(client, next);
    if (next.audit_share_bp !== current.audit_share_bp) await syncFirstOpinionQueue(client, await unanimousSampleIds(client, current.id));
    const after = settingsOf(next);
    await appendAuditEvent(client, { actor, action: "dataset.settings", entityType: "dataset", entityId: current.id, before: settingsOf(current), after });
    return { name, ...after };
  });
}
