export function figure(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? "—" : value.toFixed(digits);
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${((100 * part) / whole).toFixed(1)}%`;
}

/** A sample-list link with these filters (and the dashboard's dataset). */
export function samplesHref(dataset: string | null, filters: Record<string, string>): string {
  return `/samples?${new URLSearchParams({ ...(dataset ? { dataset } : {}), ...filters })}`;
}

/** Background for a κ or α cell: red through amber to green over [0, 1]; grey when undefined. */
export function agreementColour(value: number | null): string {
  if (value === null) return "rgb(241 245 249)";
  const clamped = Math.max(0, Math.min(1, value));
  return `hsl(${Math.round(clamped * 130)} 65% ${92 - clamped * 20}%)`;
}

/** Below this many items a figure says more about chance than about the people or models behind it. */
export const TOO_FEW = 20;

/** A figure resting on `n` items, or "too few (n)" below TOO_FEW. */
export function unlessTooFew(n: number, shown: string): string {
  return n < TOO_FEW ? `too few (${n})` : shown;
}
