import { wilsonInterval } from "./wilson";

/** Gold answers counted as (correct, n). */
export type Tally = { correct: number; n: number };

/**
 * The pause rule: an expert is paused on a dataset when the upper bound of the Wilson interval of their
 * gold accuracy falls below the dataset's floor, so that a few unlucky answers pause nobody but a run of
 * wrong ones does. A floor of 0 turns the rule off.
 */
export function breaksFloor(tally: Tally, floor: number): boolean {
  if (floor <= 0) return false;
  const interval = wilsonInterval(tally.correct, tally.n);
  return interval !== null && interval.high < floor;
}

export type CalibrationOutcome = "open" | "passed" | "failed";

/** A calibration round ends after `required` scored answers, and passes when their accuracy reaches the floor. */
export function calibrationOutcome(tally: Tally, required: number, floor: number): CalibrationOutcome {
  if (tally.n < required) return "open";
  return tally.correct / tally.n >= floor ? "passed" : "failed";
}
