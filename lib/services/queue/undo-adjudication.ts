import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import type { Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { ConflictError } from "../../errors";
import { lockSamplesForQueueChange, requeueSecondOpinion, syncFirstOpinionQueue } from "../../queue/sync-queue";
import { parseSampleId } from "../samples/sample-id";
import { deleteDecision, hasSecondOpinion, lockOwnDecision } from "./decision-sql";
import { undoGoldAnswer } from "../quality/undo-gold-answer";
import { lockAnsweredGold } from "../quality/gold-sql";
import { retake } from "./leases";
import { requireExpert } from "./require-expert";

export type UndoResult = { sampleId: number; round: "first" | "second"; leaseExpiresAt: string };

/**
 * Takes back the caller's decision on a sample while the lease it was made under would still hold:
 * the adjudication goes, the sample returns to its queue, and the caller holds it again to redo it. A
 * gold answer is taken back the same way (services/quality/undo-gold-answer.ts).
 */
export async function undoAdjudication(actor: Actor | null, rawSampleId: unknown): Promise<UndoResult> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  return inTransaction(async (client) => {
    const gold = await lockAnsweredGold(client, sampleId, expertId);
    if (gold) return undoGoldAnswer(client, actor!, sampleId, gold);
    await lockSamplesForQueueChange(client, [sampleId]);
    const decision = await lockOwnDecision(client, sampleId, expertId);
    if (!decision) throw new ConflictError("You have no decision on this sample to undo.");
    if (!decision.open) throw new ConflictError("The undo window closed when the lease expired.");
    if (decision.round === "first" && (await hasSecondOpinion(client, sampleId))) throw new ConflictError("A second opinion was already given on this decision.");
    const leaseExpiresAt = await retake(client, sampleId, expertId, decision.round, decision.undo_until!);
    await deleteDecision(client, decision, sampleId);
    if (decision.round === "first") await syncFirstOpinionQueue(client, [sampleId]);
    else await requeueSecondOpinion(client, sampleId);
    await appendAuditEvent(client, {
      actor: actor!,
      action: "adjudication.undo",
      entityType: "sample",
      entityId: String(sampleId),
      before: {
        adjudicationId: decision.id,
        round: decision.round,
        kind: decision.kind,
        supports: decision.supported_judge,
        judgment: Number(decision.judgment),
        analysis: decision.analysis,
        span: decision.span_start === null ? null : [decision.span_start, decision.span_end],
      },
    });
    return { sampleId, round: decision.round, leaseExpiresAt: leaseExpiresAt.toISOString() };
  });
}
