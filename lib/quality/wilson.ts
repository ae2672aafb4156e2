/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

export type Interval = { low: number; high: number };

/**
 * The Wilson score interval for a proportion (Wilson 1927; method 3 of Newcombe 1998), without continuity
 * correction: unlike the normal approximation it stays inside [0, 1] and keeps a useful width at 0 or n
 * successes, which is where a small gold sample usually sits. Null for n = 0.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval | null {
  if (n === 0) return null;
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval needs 0 ≤ successes ≤ n, integers (got ${successes} of ${n})`);
  }
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  // At 0 and n the bound is exactly 0 or 1; the formula leaves rounding noise there.
  return {
    low: successes === 0 ? 0 : (centre - spread) / denominator,
    high: successes === n ? 1 : (centre + spread) / denominator,
  };
}
