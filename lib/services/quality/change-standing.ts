import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { ConflictError, NotFoundError } from "../../errors";
import { datasetIdByName } from "../datasets/dataset-sql";
import { parseInput } from "../parse-input";
import { standingChangeSchema, standingTargetSchema } from "./quality.schema";
import { userIdByEmail } from "../users/user-sql";
import { lockStanding, writeStanding } from "./standing-sql";

export type StandingView = { dataset: string; expert: string; paused: boolean; calibrationRound: number; calibrated: boolean; calibrationFailed: boolean };

/**
 * An admin's hand on an expert's standing: `lift_pause` reopens a paused expert's queue and starts the
 * pause rule afresh (it counts only answers given after the lift, or the same answers would pause them
 * again at once); `reset_calibration` starts a new round after a failed one, with gold samples the
 * expert has not seen. Both are audited.
 */
export async function changeStanding(actor: Actor | null, target: { dataset: unknown; expert: unknown }, body: unknown): Promise<StandingView> {
  assertCan(actor, "quality:manage");
  const input = { ...parseInput(standingTargetSchema, target), ...parseInput(standingChangeSchema, body) };
  return inTransaction(async (client) => {
    const datasetId = await datasetIdByName(client, input.dataset);
    const expertId = await userIdByEmail(client, input.expert);
    if (!expertId) throw new NotFoundError(`no user ${input.expert}`);
    const standing = await lockStanding(client, expertId, datasetId);
    let round = standing.calibration_round;
    if (input.action === "lift_pause") {
      if (!standing.paused_at) throw new ConflictError(`${input.expert} is not paused on ${input.dataset}.`);
      await writeStanding(client, expertId, datasetId, { pausedAt: null, pauseLiftedAt: "now" });
    } else {
      if (!standing.calibration_failed_at) throw new ConflictError(`${input.expert} has no failed calibration round on ${input.dataset} to reset.`);
      round += 1;
      await writeStanding(client, expertId, datasetId, { calibrationRound: round, calibrationFailedAt: null });
    }
    await appendAuditEvent(client, {
      actor,
      action: input.action === "lift_pause" ? "expert.pause.lift" : "expert.calibration.reset",
      entityType: "expert_standing",
      entityId: `${expertId}:${datasetId}`,
      before: { dataset: input.dataset, expert: input.expert, paused: standing.paused_at !== null, calibrationRound: standing.calibration_round },
      after: { dataset: input.dataset, expert: input.expert, paused: false, calibrationRound: round },
    });
    return {
      dataset: input.dataset,
      expert: input.expert,
      paused: false,
      calibrationRound: round,
      calibrated: standing.calibrated_at !== null,
      calibrationFailed: input.action === "lift_pause" && standing.calibration_failed_at !== null,
    };
  });
}
