import type { RiskValue } from "../domain/risk";
import { wilsonInterval } from "../quality/wilson";
import { bootstrapAlpha, bootstrapInterval } from "./bootstrap";
import { emptyConfusion } from "./cohen";
import { binaryHarmfulScores } from "./f1";
import { coincidenceFromCounts, krippendorffAlpha } from "./krippendorff";
import { LEVELS, levelCounts, levelIndex } from "./levels";
import type { StatsAggregates } from "./stats-types";

/** How many weeks the drift shows, the latest last; and how many before a week form its baseline. */
export const DRIFT_WEEKS = 26;
export const BASELINE_WEEKS = 4;
const REPLICATES = 200;

/**
 * One week of one figure: its value with the week's own 95% interval where one exists, the interval of
 * the previous four calendar weeks pooled (the baseline), and whether the value fell below that baseline.
 */
export type DriftPoint = {
  week: string;
  n: number;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  baseline_low: number | null;
  baseline_high: number | null;
  flagged: boolean;
};

/** `stats.drift` (docs/statistics.md, "Drift"). */
export type Drift = {
  weeks: string[];
  judges_alpha_ordinal: DriftPoint[];
  judge_accuracy: { judge: string; points: DriftPoint[] }[];
  expert_gold_accuracy: { expert: string; points: DriftPoint[] }[];
  guard_f1: { model: string | null; version: string | null; points: DriftPoint[] };
};

type Estimate = { n: number; value: number | null; low: number | null; high: number | null };

/** A figure's week-by-week data: how to pool weeks and what to estimate from the pool. */
type Figure<Bag> = { empty: () => Bag; add: (into: Bag, from: Bag) => void; estimate: (bag: Bag) => Estimate };

const DAY_MS = 86_400_000;
const weekBefore = (week: string, weeks: number) => new Date(Date.parse(`${week}T00:00:00Z`) - weeks * 7 * DAY_MS).toISOString().slice(0, 10);

function series<Bag>(figure: Figure<Bag>, byWeek: Map<string, Bag>, weeks: string[]): DriftPoint[] {
  return weeks.map((week) => {
    const own = figure.estimate(byWeek.get(week) ?? figure.empty());
    const pool = figure.empty();
    for (let back = 1; back <= BASELINE_WEEKS; back += 1) {
      const bag = byWeek.get(weekBefore(week, back));
      if (bag) figure.add(pool, bag);
    }
    const baseline = figure.estimate(pool);
    return {
      week,
      n: own.n,
      value: own.value,
      ci_low: own.low,
      ci_high: own.high,
      baseline_low: baseline.low,
      baseline_high: baseline.high,
      flagged: own.value !== null && baseline.low !== null && own.value < baseline.low,
    };
  });
}

function group<Row, Bag>(rows: Row[], weekOf: (row: Row) => string, figure: Figure<Bag>, addRow: (bag: Bag, row: Row) => void): Map<string, Bag> {
  const byWeek = new Map<string, Bag>();
  for (const row of rows) {
    const week = weekOf(row);
    if (!byWeek.has(week)) byWeek.set(week, figure.empty());
    addRow(byWeek.get(week)!, row);
  }
  return byWeek;
}

type Tally = { correct: number; n: number };
const ACCURACY: Figure<Tally> = {
  empty: () => ({ correct: 0, n: 0 }),
  add: (into, from) => {
    into.correct += from.correct;
    into.n += from.n;
  },
  estimate: ({ correct, n }) => {
    const interval = wilsonInterval(correct, n);
    return { n, value: n === 0 ? null : correct / n, low: interval?.low ?? null, high: interval?.high ?? null };
  },
};

/** Vote patterns (judges' level counts) with their multiplicities, by pattern key. */
type Patterns = Map<string, { counts: number[]; multiplicity: number }>;
const ALPHA: Figure<Patterns> = {
  empty: () => new Map(),
  add: (into, from) => {
    for (const [key, unit] of from) {
      const existing = into.get(key);
      if (existing) existing.multiplicity += unit.multiplicity;
      else into.set(key, { counts: unit.counts, multiplicity: unit.multiplicity });
    }
  },
  estimate: (patterns) => {
    const units = [...patterns.values()].filter((unit) => unit.counts.reduce((sum, count) => sum + count, 0) >= 2);
    const n = units.reduce((sum, unit) => sum + unit.multiplicity, 0);
    const value = n < 2 ? null : krippendorffAlpha(coincidenceFromCounts([...LEVELS], units), "ordinal");
    const interval = value === null ? null : bootstrapAlpha([...LEVELS], units, "ordinal", { replicates: REPLICATES });
    return { n, value, low: interval?.low ?? null, high: interval?.high ?? null };
  },
};

/** The guard's three-level confusion against the experts, flattened to nine cells (truth × predicted). */
type Cells = number[];
const f1Of = (cells: Cells) => {
  const matrix = emptyConfusion(3);
  cells.forEach((count, index) => (matrix[Math.floor(index / 3)]![index % 3]! += count));
  return binaryHarmfulScores(matrix).f1;
};
const F1: Figure<Cells> = {
  empty: () => new Array<number>(9).fill(0),
  add: (into, from) => from.forEach((count, index) => (into[index]! += count)),
  estimate: (cells) => {
    const n = cells.reduce((sum, count) => sum + count, 0);
    const value = n === 0 ? null : f1Of(cells);
    const interval = value === null ? null : bootstrapInterval(cells, f1Of, { replicates: REPLICATES });
    return { n, value, low: interval?.low ?? null, high: interval?.high ?? null };
  },
};

/**
 * Week by week (docs/statistics.md, "Drift"): the judges' α (ordinal) over the samples imported that
 * week; each judge's accuracy against the first expert decisions made that week; each expert's accuracy
 * on the gold samples they answered that week; and the current guard's F1 (harmful vs safe) against the
 * decisions made that week. A week is flagged when its value falls below the 95% interval of the previous
 * four calendar weeks pooled. The last 26 weeks with any data are shown.
 */
export function driftFromAggregates(aggregates: StatsAggregates): Drift {
  const allWeeks = new Set<string>([
    ...aggregates.votePatterns.map((row) => row.week),
    ...aggregates.expertPatterns.map((row) => row.week),
    ...aggregates.goldWeeks.map((row) => row.week),
    ...aggregates.prelabel.vsExpert.map((row) => row.week),
  ]);
  const weeks = [...allWeeks].sort().slice(-DRIFT_WEEKS);

  const patterns = group(aggregates.votePatterns, (row) => row.week, ALPHA, (bag, row) => {
    const counts = levelCounts(Object.values(row.votes));
    ALPHA.add(bag, new Map([[counts.join(","), { counts, multiplicity: row.count }]]));
  });

  const judges = [...new Set(aggregates.votePatterns.flatMap((row) => Object.keys(row.votes)))].sort();
  const judgeAccuracy = judges.map((judge) => {
    const judged = aggregates.expertPatterns.filter((row) => row.votes[judge] !== undefined);
    const byWeek = group(judged, (row) => row.week, ACCURACY, (tally, row) => {
      tally.n += row.count;
      if (row.votes[judge] === row.expert) tally.correct += row.count;
    });
    return { judge, points: series(ACCURACY, byWeek, weeks) };
  });

  const experts = [...new Set(aggregates.goldWeeks.map((row) => row.expert))].sort();
  const goldAccuracy = experts.map((expert) => {
    const byWeek = group(aggregates.goldWeeks.filter((row) => row.expert === expert), (row) => row.week, ACCURACY, (tally, row) => ACCURACY.add(tally, row));
    return { expert, points: series(ACCURACY, byWeek, weeks) };
  });

  const cells = group(aggregates.prelabel.vsExpert, (row) => row.week, F1, (bag, row) => {
    bag[levelIndex(row.truth as RiskValue) * 3 + levelIndex(row.predicted as RiskValue)]! += row.count;
  });

  return {
    weeks,
    judges_alpha_ordinal: series(ALPHA, patterns, weeks),
    judge_accuracy: judgeAccuracy,
    expert_gold_accuracy: goldAccuracy,
    guard_f1: { model: aggregates.prelabel.model, version: aggregates.prelabel.version, points: series(F1, cells, weeks) },
  };
}
