/**
 * A pause this long between two decisions ends a stretch of continuous work (docs/safe-viewing.md): long
 * enough that reading one hard sample does not count as a rest, short enough that a real break does.
 */
export const BREAK_PAUSE_MINUTES = 10;

const MINUTE_MS = 60_000;

/**
 * When the expert's current stretch of continuous work began: the first decision of the newest run of
 * decisions with no pause of `BREAK_PAUSE_MINUTES` between them, provided the last one is recent enough
 * that they are still at it. `decidedAt` is newest first. Null when they are not in a stretch.
 */
export function workStretchStart(decidedAt: readonly Date[], now: Date, pauseMinutes = BREAK_PAUSE_MINUTES): Date | null {
  const pause = pauseMinutes * MINUTE_MS;
  const newest = decidedAt[0];
  if (!newest || now.getTime() - newest.getTime() >= pause) return null;
  let start = newest;
  for (const earlier of decidedAt.slice(1)) {
    if (start.getTime() - earlier.getTime() >= pause) break;
    start = earlier;
  }
  return start;
}

/** A break reminder: the stretch's start (it identifies the stretch) and how long it has run, in whole minutes. */
export type BreakDue = { since: string; minutes: number };

/** The reminder due after `breakAfterMinutes` of continuous work, or null when none is. */
export function breakDue(decidedAt: readonly Date[], now: Date, breakAfterMinutes: number | null): BreakDue | null {
  if (breakAfterMinutes === null) return null;
  const start = workStretchStart(decidedAt, now);
  if (!start) return null;
  const minutes = Math.floor((now.getTime() - start.getTime()) / MINUTE_MS);
  return minutes >= breakAfterMinutes ? { since: start.toISOString(), minutes } : null;
}
