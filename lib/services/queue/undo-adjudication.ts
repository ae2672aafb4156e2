import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import type { Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { ConflictError } from "../../errors";
import { lockSamplesForQueueChange, requeueSecondOpinion, syncFirstOpinionQueue } from "../../queue/sync-queue";
import { parseSampleId } from "../samples/sample-id";
import { retake } from "./leases";
import { requireExpert } from "./require-expert";

export type UndoResult = { sampleId: number; round: "first" | "second"; leaseExpiresAt: string };

/**
 * Takes back the caller's decision on a sample while the lease it was made under would still hold:
 * the adjudication goes, the sample returns to its queue, and the caller holds it again to redo it.
 */
export async function undoAdjudication(actor: Actor | null, rawSampleId: unknown): Promise<UndoResult> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  return inTransaction(async (client) => {
    await lockSamplesForQueueChange(client, [sampleId]);
    const { rows } = await client.query<{
      id: string;
      round: "first" | "second";
      kind: string;
      supported_judge: string | null;
      judgment: string;
      analysis: string | null;
      span_start: number | null;
      span_end: number | null;
      undo_until: Date | null;
      open: boolean;
    }>(
      `SELECT id, round, kind, supported_judge, judgment::text AS judgment, analysis, span_start, span_end, undo_until,
              coalesce(undo_until > now(), false) AS open
         FROM adjudications WHERE sample_id = $1 AND expert_id = $2 FOR UPDATE`,
      [sampleId, expertId],
    );
    const decision = rows[0];
    if (!decision) throw new ConflictError("You have no decision on this sample to undo.");
    if (!decision.open) throw new ConflictError("The undo window closed when the lease expired.");
    if (decision.round === "first") {
      const second = await client.query(`SELECT 1 FROM adjudications WHERE sample_id = $1 AND round = 'second'`, [sampleId]);
      if (second.rowCount) throw new ConflictError("A second opinion was already given on this decision.");
    }
    const leaseExpiresAt = await retake(client, sampleId, expertId, decision.round, decision.undo_until!);
    await client.query(`DELETE FROM adjudications WHERE id = $1`, [decision.id]);
    if (decision.round === "first") {
      await client.query(`DELETE FROM queue_items WHERE sample_id = $1 AND round = 'second'`, [sampleId]);
      await syncFirstOpinionQueue(client, [sampleId]);
    } else {
      await requeueSecondOpinion(client, sampleId);
    }
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
