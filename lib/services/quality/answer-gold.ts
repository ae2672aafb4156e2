import "server-only";
import type pg from "pg";
import { appendAuditEvent } from "../../audit/append-audit-event";
import type { Actor } from "../../auth/actor";
import type { RiskValue } from "../../domain/risk";
import { breaksFloor, calibrationOutcome, type CalibrationOutcome } from "../../quality/standing-rules";
import { goldExplanation, recordGoldAnswer, type OpenGold } from "./gold-sql";
import { goldTally, lockStanding, qualitySettings, writeStanding } from "./standing-sql";

export type ResolvedDecision = {
  kind: "supports_judge" | "correction";
  supportedJudge: string | null;
  judgment: RiskValue;
  analysis: string | null;
  span: [number, number] | null;
};

/** What a calibrating expert learns after each answer: the known answer they were scored against, and where their round stands. */
export type CalibrationFeedback = {
  reference: { judgment: RiskValue; explanation: string | null };
  correct: boolean;
  answered: number;
  correctSoFar: number;
  required: number;
  floor: number;
  outcome: CalibrationOutcome;
};

/**
 * Scores an expert's answer to a gold sample they hold, inside the decision's transaction: the answer is
 * recorded against the known answer it was served with, then the expert's standing moves. In calibration
 * the round may end (passed or failed); outside it the pause rule may pause them. Outside calibration
 * nothing in the reply tells the expert the sample was gold.
 */
export async function answerGold(client: pg.ClientBase, actor: Actor, sampleId: number, gold: OpenGold, decision: ResolvedDecision): Promise<{ undoUntil: Date; calibration?: CalibrationFeedback }> {
  const expertId = actor.userId!;
  const expected = Number(gold.expected) as RiskValue;
  const correct = decision.judgment === expected;
  const inCalibration = gold.calibration_round !== null;
  // A calibration answer is final once its reference is shown; any other can be taken back like a decision.
  const undoUntil = inCalibration ? null : gold.expires_at;
  await recordGoldAnswer(client, gold.id, { ...decision, correct, undoUntil });
  const settings = await qualitySettings(client, gold.dataset_id);
  const standing = await lockStanding(client, expertId, gold.dataset_id);
  const audit = (action: string, after: Record<string, unknown>) =>
    appendAuditEvent(client, { actor, action, entityType: "expert_standing", entityId: `${expertId}:${gold.dataset_id}`, after: { dataset: settings.name, ...after } });
  await appendAuditEvent(client, {
    actor,
    action: "gold.answer",
    entityType: "sample",
    entityId: String(sampleId),
    after: { goldAnswerId: gold.id, kind: decision.kind, supports: decision.supportedJudge, judgment: decision.judgment, expected, correct, calibrationRound: gold.calibration_round },
  });

  if (!inCalibration) {
    if (!standing.paused_at) {
      const tally = await goldTally(client, expertId, gold.dataset_id, { since: standing.pause_lifted_at });
      if (breaksFloor(tally, settings.floor)) {
        await writeStanding(client, expertId, gold.dataset_id, { pausedAt: "now" });
        await audit("expert.pause", { ...tally, floor: settings.floor });
      }
    }
    return { undoUntil: gold.expires_at };
  }

  const round = gold.calibration_round!;
  const tally = await goldTally(client, expertId, gold.dataset_id, { round });
  let outcome = calibrationOutcome(tally, settings.calibrationItems, settings.floor);
  // Only the expert's current, undecided round can end; an answer from a round an admin has since reset counts for nothing.
  const current = round === standing.calibration_round && !standing.calibrated_at && !standing.calibration_failed_at;
  if (!current) outcome = standing.calibrated_at ? "passed" : standing.calibration_failed_at ? "failed" : "open";
  else if (outcome === "passed") {
    await writeStanding(client, expertId, gold.dataset_id, { calibratedAt: "now" });
    await audit("expert.calibration.pass", { round, ...tally, floor: settings.floor });
  } else if (outcome === "failed") {
    await writeStanding(client, expertId, gold.dataset_id, { calibrationFailedAt: "now" });
    await audit("expert.calibration.fail", { round, ...tally, floor: settings.floor });
  }
  return {
    undoUntil: new Date(),
    calibration: {
      reference: { judgment: expected, explanation: await goldExplanation(client, sampleId) },
      correct,
      answered: tally.n,
      correctSoFar: tally.correct,
      required: settings.calibrationItems,
      floor: settings.floor,
      outcome,
    },
  };
}
