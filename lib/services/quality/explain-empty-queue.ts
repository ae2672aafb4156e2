import "server-only";
import { pool } from "../../db/pool";
import { ExpertHeldError } from "../../errors";
import { closedDatasetsOf } from "./standing-sql";

/**
 * When a claim finds nothing, says why if the quality control is the reason: the dataset is restricted to
 * others, the expert is paused, failed a calibration round, or must calibrate on a dataset that has no
 * gold sample left for them; or, for safe viewing, they reached its daily cap (which they may choose to
 * pass: docs/safe-viewing.md). Runs only
 * on an empty claim, so the claim itself stays one statement. Without a dataset filter only datasets with
 * work waiting count: a closed dataset with an empty queue hides nothing.
 */
export async function explainEmptyQueue(expertId: string, dataset: string | null, beyondCap: boolean): Promise<void> {
  const closed = await closedDatasetsOf(pool(), expertId, dataset, beyondCap);
  // Only a claim that names the dataset hears of a restriction: without a filter, its work is simply not this expert's.
  const restricted = closed.find((entry) => entry.restricted);
  if (restricted) throw new ExpertHeldError("dataset_restricted", `The queue of ${restricted.dataset} is open to named experts only.`);
  const paused = closed.find((entry) => entry.paused);
  if (paused) {
    throw new ExpertHeldError(
      "expert_paused",
      `You are paused on ${paused.dataset}: your accuracy on its gold samples fell below the floor it sets. An admin can lift the pause.`,
    );
  }
  const failed = closed.find((entry) => entry.calibration_failed);
  if (failed) {
    throw new ExpertHeldError("calibration_failed", `You did not pass the calibration round on ${failed.dataset}. An admin can reset the round for another try.`);
  }
  const starved = closed.find((entry) => entry.calibrating && entry.gold_left === 0);
  if (starved) {
    throw new ExpertHeldError(
      "calibration_unavailable",
      `${starved.dataset} asks for a calibration round, but it has no gold sample left for you. An admin can add gold samples.`,
    );
  }
  const capped = closed.find((entry) => entry.capped);
  if (capped) {
    throw new ExpertHeldError(
      "daily_cap_reached",
      `You have made ${capped.daily_cap} decisions on ${capped.dataset} today, the daily cap set for it. Take a rest, or go on if you choose; going on is recorded.`,
    );
  }
}
