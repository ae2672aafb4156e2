import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import type { Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import type { RiskValue } from "../../domain/risk";
import { parseStoredJudges } from "../../domain/stored-judges";
import { ConflictError, ValidationError } from "../../errors";
import { queueSecondOpinionIfPicked } from "../../queue/sync-queue";
import { parseInput } from "../parse-input";
import { parseSampleId } from "../samples/sample-id";
import { adjudicationInputSchema } from "./queue-schemas";
import { insertAdjudication, sampleForDecision } from "./decision-sql";
import { complete, lockHeld } from "./leases";
import { requireExpert } from "./require-expert";

export type Decision = {
  id: string;
  sampleId: number;
  round: "first" | "second";
  kind: "supports_judge" | "correction";
  judgment: RiskValue;
  undoUntil: string;
  secondOpinionQueued: boolean;
};

/**
 * Records an expert's decision in one transaction: the lease must be the caller's and live (else 409),
 * then the adjudication, the queue update, the audit event and the lease release commit together.
 */
export async function submitAdjudication(actor: Actor | null, rawSampleId: unknown, body: unknown): Promise<Decision> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  const input = parseInput(adjudicationInputSchema, body);
  return inTransaction(async (client) => {
    const lease = await lockHeld(client, sampleId, expertId, { requireLive: true });
    const sample = await sampleForDecision(client, sampleId);
    let judgment: RiskValue;
    if (input.supports !== undefined) {
      const judge = parseStoredJudges(sample.judges).find((candidate) => candidate.name === input.supports);
      if (!judge) throw new ValidationError({ supports: [`no judge named '${input.supports}' on this sample`] });
      judgment = judge.judgment;
    } else {
      judgment = input.judgment as RiskValue;
      const length = sample.thinking_length;
      if (input.span && input.span[1] > length) throw new ValidationError({ span: [`must lie within the thinking (0–${length})`] });
    }
    const kind = input.supports !== undefined ? "supports_judge" : "correction";
    const adjudication = await insertAdjudication(client, {
      sampleId,
      expertId,
      kind,
      supportedJudge: input.supports ?? null,
      judgment,
      analysis: input.analysis ?? null,
      span: input.span ?? null,
      round: lease.round,
      startedAt: lease.created_at,
      undoUntil: lease.expires_at,
    });
    if (!adjudication) throw new ConflictError("This sample already has your decision, or this round was already decided.");
    await complete(client, sampleId, lease.round);
    const secondOpinionQueued = lease.round === "first" ? await queueSecondOpinionIfPicked(client, sampleId) : false;
    await appendAuditEvent(client, {
      actor: actor!,
      action: kind === "correction" ? "adjudication.correction" : "adjudication.decision",
      entityType: "sample",
      entityId: String(sampleId),
      after: { adjudicationId: adjudication.id, round: lease.round, kind, supports: input.supports ?? null, judgment, analysis: input.analysis ?? null, span: input.span ?? null },
    });
    return {
      id: adjudication.id,
      sampleId,
      round: lease.round,
      kind,
      judgment,
      undoUntil: adjudication.undo_until.toISOString(),
      secondOpinionQueued,
    };
  });
}
