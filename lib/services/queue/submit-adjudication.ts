import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import type { Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import type { RiskValue } from "../../domain/risk";
import { parseStoredJudges } from "../../domain/stored-judges";
import { ConflictError, ValidationError } from "../../errors";
import { metrics } from "../../metrics/metrics";
import { queueSecondOpinionIfPicked } from "../../queue/sync-queue";
import { parseInput } from "../parse-input";
import { answerGold, type CalibrationFeedback, type ResolvedDecision } from "../quality/answer-gold";
import { lockOpenGold } from "../quality/gold-sql";
import { parseSampleId } from "../samples/sample-id";
import { adjudicationInputSchema, type AdjudicationInput } from "./queue-schemas";
import { insertAdjudication, sampleForDecision } from "./decision-sql";
import { complete, EXPIRED_LEASE_MESSAGE, lockHeld } from "./leases";
import { requireExpert } from "./require-expert";

export type Decision = {
  id: string;
  sampleId: number;
  round: "first" | "second";
  kind: "supports_judge" | "correction";
  judgment: RiskValue;
  undoUntil: string;
  secondOpinionQueued: boolean;
  /** Only while the expert calibrates on the sample's dataset: the known answer and the round's standing. */
  calibration?: CalibrationFeedback;
};

/**
 * Records an expert's decision in one transaction: the lease must be the caller's and live (else 409),
 * then the adjudication, the queue update, the audit event and the lease release commit together. On a
 * gold sample the caller holds, the decision is scored as a gold answer instead (docs/quality-control.md).
 */
export async function submitAdjudication(actor: Actor | null, rawSampleId: unknown, body: unknown): Promise<Decision> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  const input = parseInput(adjudicationInputSchema, body);
  const end = metrics().decisionDuration.startTimer();
  // Counted once committed: a decision rolled back or refused is no decision.
  const decision = await record(actor!, expertId, sampleId, input).finally(end);
  metrics().decisions.inc({ kind: decision.kind });
  return decision;
}

async function record(actor: Actor, expertId: string, sampleId: number, input: AdjudicationInput): Promise<Decision> {
  return inTransaction(async (client) => {
    const gold = await lockOpenGold(client, sampleId, expertId);
    if (gold && !gold.live) throw new ConflictError(EXPIRED_LEASE_MESSAGE);
    const lease = gold ? null : await lockHeld(client, sampleId, expertId, { requireLive: true });
    const decision = resolveDecision(await sampleForDecision(client, sampleId), input);
    if (gold) {
      const scored = await answerGold(client, actor, sampleId, gold, decision);
      const reply = { id: gold.id, sampleId, round: "first", kind: decision.kind, judgment: decision.judgment, undoUntil: scored.undoUntil.toISOString(), secondOpinionQueued: false } as const;
      return scored.calibration ? { ...reply, calibration: scored.calibration } : reply;
    }
    const adjudication = await insertAdjudication(client, { sampleId, expertId, ...decision, round: lease!.round, startedAt: lease!.created_at, undoUntil: lease!.expires_at });
    if (!adjudication) throw new ConflictError("This sample already has your decision, or this round was already decided.");
    await complete(client, sampleId, lease!.round);
    const secondOpinionQueued = lease!.round === "first" ? await queueSecondOpinionIfPicked(client, sampleId) : false;
    await appendAuditEvent(client, {
      actor,
      action: decision.kind === "correction" ? "adjudication.correction" : "adjudication.decision",
      entityType: "sample",
      entityId: String(sampleId),
      after: { adjudicationId: adjudication.id, round: lease!.round, kind: decision.kind, supports: decision.supportedJudge, judgment: decision.judgment, analysis: decision.analysis, span: decision.span },
    });
    return { id: adjudication.id, sampleId, round: lease!.round, kind: decision.kind, judgment: decision.judgment, undoUntil: adjudication.undo_until.toISOString(), secondOpinionQueued };
  });
}

/** The decision the input makes on this sample: siding with one of its judges, or a correction whose span lies within the thinking. */
function resolveDecision(sample: { thinking_length: number; judges: unknown }, input: AdjudicationInput): ResolvedDecision {
  if (input.supports !== undefined) {
    const judge = parseStoredJudges(sample.judges).find((candidate) => candidate.name === input.supports);
    if (!judge) throw new ValidationError({ supports: [`no judge named '${input.supports}' on this sample`] });
    return { kind: "supports_judge", supportedJudge: input.supports, judgment: judge.judgment, analysis: null, span: null };
  }
  if (input.span && input.span[1] > sample.thinking_length) throw new ValidationError({ span: [`must lie within the thinking (0–${sample.thinking_length})`] });
  return { kind: "correction", supportedJudge: null, judgment: input.judgment as RiskValue, analysis: input.analysis ?? null, span: input.span ?? null };
}
