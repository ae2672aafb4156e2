import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { syncFirstOpinionQueue } from "../../queue/sync-queue";
import { parseInput } from "../parse-input";
import { lockDatasetShares, unanimousSampleIds, writeDatasetShares } from "./dataset-sql";

const share = z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1");

export const datasetSettingsSchema = z
  .strictObject({ auditShare: share.optional(), secondOpinionShare: share.optional() })
  .refine((value) => value.auditShare !== undefined || value.secondOpinionShare !== undefined, "change at least one share");

/**
 * Sets a dataset's audit share (of unanimous samples sent to experts) and second-opinion share, as
 * fractions, and re-syncs its queue so the new audit share applies at once.
 */
export async function updateDatasetSettings(actor: Actor | null, name: string, body: unknown) {
  assertCan(actor, "dataset:configure");
  const input = parseInput(datasetSettingsSchema, body);
  return inTransaction(async (client) => {
    const dataset = await lockDatasetShares(client, name);
    const auditShareBp = input.auditShare === undefined ? dataset.audit_share_bp : Math.round(input.auditShare * 10_000);
    const secondOpinionShareBp =
      input.secondOpinionShare === undefined ? dataset.second_opinion_share_bp : Math.round(input.secondOpinionShare * 10_000);
    await writeDatasetShares(client, dataset.id, auditShareBp, secondOpinionShareBp);
    await syncFirstOpinionQueue(client, await unanimousSampleIds(client, dataset.id));
    const after = { auditShare: auditShareBp / 10_000, secondOpinionShare: secondOpinionShareBp / 10_000 };
    await appendAuditEvent(client, {
      actor,
      action: "dataset.settings",
      entityType: "dataset",
      entityId: dataset.id,
      before: { auditShare: dataset.audit_share_bp / 10_000, secondOpinionShare: dataset.second_opinion_share_bp / 10_000 },
      after,
    });
    return { name, ...after };
  });
}
