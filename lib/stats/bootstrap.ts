import { seededRandom, type Random } from "../demo/random";
import { coincidenceFromCounts, krippendorffAlpha, type AlphaMetric } from "./krippendorff";

export type Interval = { low: number; high: number; replicates: number } | null;

/**
 * A percentile bootstrap interval for any statistic of units given as kinds with multiplicities (vote
 * patterns, confusion cells): a replicate redraws every unit from the empirical distribution of the kinds,
 * i.e. multinomial counts drawn as a chain of binomials, and recomputes the statistic from those counts.
 * Replicates where the statistic is undefined are left out; null when every one is, or with under 2 units.
 */
export function bootstrapInterval(
  multiplicities: number[],
  statistic: (counts: number[]) => number | null,
  options: { replicates?: number; level?: number; seed?: number } = {},
): Interval {
  const replicates = options.replicates ?? 1000;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const units = multiplicities.reduce((sum, multiplicity) => sum + multiplicity, 0);
  if (units < 2) return null;
  const values: number[] = [];
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    const value = statistic(multinomial(units, multiplicities.map((multiplicity) => multiplicity / units), random));
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  const at = (q: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))]!;
  return { low: at(tail), high: at(1 - tail), replicates: values.length };
}

/** The percentile bootstrap interval of Krippendorff's α, resampling units (Hayes & Krippendorff 2007). */
export function bootstrapAlpha(
  values: number[],
  patterns: { counts: number[]; multiplicity: number }[],
  metric: AlphaMetric,
  options: { replicates?: number; level?: number; seed?: number } = {},
): Interval {
  const pairable = patterns.filter((pattern) => pattern.counts.reduce((sum, count) => sum + count, 0) >= 2 && pattern.multiplicity > 0);
  return bootstrapInterval(
    pairable.map((pattern) => pattern.multiplicity),
    (draws) => krippendorffAlpha(coincidenceFromCounts(values, pairable.map((pattern, index) => ({ counts: pattern.counts, multiplicity: draws[index]! }))), metric),
    options,
  );
}

function multinomial(n: number, probabilities: number[], random: Random): number[] {
  let left = n;
  let mass = 1;
  return probabilities.map((p, index) => {
    if (index === probabilities.length - 1) return left;
    const draw = left === 0 || mass <= 0 ? 0 : binomial(left, Math.min(1, p / mass), random);
    left -= draw;
    mass -= p;
    return draw;
  });
}

/** Exact inversion for small n, the normal approximation beyond (enough for a percentile interval). */
function binomial(n: number, p: number, random: Random): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  if (n < 50) {
    let successes = 0;
    for (let trial = 0; trial < n; trial += 1) if (random.next() < p) successes += 1;
    return successes;
  }
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const u1 = Math.max(random.next(), Number.EPSILON);
  const u2 = random.next();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.min(n, Math.max(0, Math.round(mean + sd * z)));
}
