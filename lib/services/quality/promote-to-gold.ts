import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import type { RiskValue } from "../../domain/risk";
import { NotFoundError, ValidationError } from "../../errors";
import { lockSamplesForQueueChange } from "../../queue/sync-queue";
import { parseInput } from "../parse-input";
import { parseSampleId } from "../samples/sample-id";
import { dropFromRealQueue, promotionCandidate, upsertPromotedGold } from "./gold-sql";
import { goldInputSchema, goldTargetSchema } from "./quality.schema";

export type GoldItemView = { sampleId: number; judgment: RiskValue; explanation: string | null; origin: "promoted" };

/**
 * Promotes an adjudicated sample to gold with the admin's known answer (replacing one an import gave):
 * from then on it is mixed into other experts' queues at the dataset's gold rate and leaves the real
 * queue. Its decisions so far stay what they were: real decisions, exported as before.
 */
export async function promoteToGold(actor: Actor | null, target: { sampleId: unknown } | { dataset: unknown; externalId: unknown }, body: unknown): Promise<GoldItemView> {
  assertCan(actor, "quality:manage");
  const where = "sampleId" in target ? { sampleId: parseSampleId(target.sampleId) } : parseInput(goldTargetSchema, target);
  const input = parseInput(goldInputSchema, body);
  return inTransaction(async (client) => {
    const sample = await promotionCandidate(client, where);
    if (!sample) throw new NotFoundError("sampleId" in where ? `no sample with id ${where.sampleId}` : `no sample ${where.externalId} in dataset ${where.dataset}`);
    if (!sample.has_judges) throw new ValidationError({ sample: ["has no judges: a gold sample must look like every other sample in the queue"] });
    if (!sample.adjudicated) throw new ValidationError({ sample: ["has no expert decision yet: promote a sample once it is adjudicated"] });
    await lockSamplesForQueueChange(client, [sample.id]);
    const judgment = input.judgment as RiskValue;
    const explanation = input.explanation ?? null;
    const before = await upsertPromotedGold(client, { sampleId: sample.id, datasetId: sample.dataset_id, judgment, explanation, adminId: actor.userId });
    await dropFromRealQueue(client, sample.id);
    await appendAuditEvent(client, {
      actor,
      action: "gold.add",
      entityType: "sample",
      entityId: String(sample.id),
      before: before ? { judgment: Number(before.judgment), explanation: before.explanation, origin: before.origin } : null,
      after: { judgment, explanation, origin: "promoted" },
    });
    return { sampleId: sample.id, judgment, explanation, origin: "promoted" };
  });
}
