import "server-only";
import type pg from "pg";
import { appendAuditEvent } from "../../audit/append-audit-event";
import type { Actor } from "../../auth/actor";
import { ConflictError } from "../../errors";
import { reopenGold, type AnsweredGold } from "./gold-sql";

/**
 * Takes back a gold answer given outside calibration, within the hold it was given under, as an undo
 * takes back a decision: the expert holds the sample again. A pause the answer caused stays until an
 * admin lifts it. A calibration answer has no undo window (its reference was shown), so it is final.
 */
export async function undoGoldAnswer(client: pg.ClientBase, actor: Actor, sampleId: number, gold: AnsweredGold): Promise<{ sampleId: number; round: "first"; leaseExpiresAt: string }> {
  if (!gold.open) throw new ConflictError("The undo window closed when the lease expired.");
  await reopenGold(client, gold.id, gold.undo_until!);
  await appendAuditEvent(client, {
    actor,
    action: "gold.undo",
    entityType: "sample",
    entityId: String(sampleId),
    before: { goldAnswerId: gold.id, kind: gold.kind, supports: gold.supported_judge, judgment: Number(gold.judgment) },
  });
  return { sampleId, round: "first", leaseExpiresAt: gold.undo_until!.toISOString() };
}
