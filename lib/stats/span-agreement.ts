import { splitThinking } from "../domain/thinking-steps";
import { coincidenceFromUnits, krippendorffAlpha } from "./krippendorff";

/** A double-adjudicated sample where both experts marked where harm starts: the thinking and the two span starts. */
export type SpanPair = { thinking: string; firstStart: number; secondStart: number };

export type DistanceSummary = {
  median: number | null;
  p90: number | null;
  max: number | null;
  mean: number | null;
  histogram: { bucket: string; count: number }[];
};

/** `stats.experts.span_agreement` (docs/statistics.md, "Where harm starts"). */
export type SpanAgreement = {
  n: number;
  same_step_share: number | null;
  alpha_interval_start_step: number | null;
  char_distance: DistanceSummary;
  step_distance: DistanceSummary;
};

const CHAR_BUCKETS: [string, number][] = [["0", 0], ["1–49", 49], ["50–199", 199], ["200–999", 999], ["≥ 1000", Infinity]];
const STEP_BUCKETS: [string, number][] = [["0", 0], ["1", 1], ["2", 2], ["≥ 3", Infinity]];

/**
 * The step a span starting at `offset` starts in: the first step of `splitThinking` that ends after the
 * offset (so a start in the blank lines between two steps belongs to the step that follows), or the last
 * step when the offset lies after every step. Steps are numbered from 1.
 */
export function stepAt(thinking: string, offset: number): number {
  const steps = splitThinking(thinking);
  if (steps.length === 0) return 1;
  return (steps.find((step) => step.end > offset) ?? steps.at(-1)!).number;
}

/** The nearest-rank q-quantile of sorted values: the value at rank ⌈q·n⌉. */
function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function summarise(distances: number[], buckets: [string, number][]): DistanceSummary {
  const sorted = [...distances].sort((a, b) => a - b);
  const histogram = buckets.map(([bucket]) => ({ bucket, count: 0 }));
  for (const distance of sorted) histogram[buckets.findIndex(([, upTo]) => distance <= upTo)]!.count += 1;
  return {
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    max: sorted.at(-1) ?? null,
    mean: sorted.length === 0 ? null : sorted.reduce((sum, distance) => sum + distance, 0) / sorted.length,
    histogram,
  };
}

/**
 * Where two experts agree that harm starts: over the double-adjudicated samples where both marked a span,
 * the distance between the two starts in characters and in thinking steps, the share that start in the
 * same step, and Krippendorff's α (interval metric) of the start step, the two experts as coders and each
 * sample a unit.
 */
export function spanAgreement(pairs: SpanPair[]): SpanAgreement {
  const steps = pairs.map((pair) => [stepAt(pair.thinking, pair.firstStart), stepAt(pair.thinking, pair.secondStart)] as const);
  const same = steps.filter(([first, second]) => first === second).length;
  return {
    n: pairs.length,
    same_step_share: pairs.length === 0 ? null : same / pairs.length,
    alpha_interval_start_step: pairs.length === 0 ? null : krippendorffAlpha(coincidenceFromUnits(steps.map(([first, second]) => [first, second])), "interval"),
    char_distance: summarise(pairs.map((pair) => Math.abs(pair.firstStart - pair.secondStart)), CHAR_BUCKETS),
    step_distance: summarise(steps.map(([first, second]) => Math.abs(first - second)), STEP_BUCKETS),
  };
}
