/** A marked range of the thinking, [start, end) in characters, and who marked it. */
export type SpanMark = { start: number; end: number; label: string };

/** A run of one step's text and the marks that cover all of it. */
export type MarkedSegment = { start: number; end: number; text: string; marks: SpanMark[] };

/**
 * Cuts one step's text (starting at `stepStart` in the thinking) at every mark boundary inside it, so
 * each run is covered by the same marks throughout: what the thinking renders to highlight spans,
 * however they overlap, while every run keeps its offset into the thinking.
 */
export function markSegments(stepStart: number, text: string, marks: SpanMark[]): MarkedSegment[] {
  const stepEnd = stepStart + text.length;
  const inside = marks.filter((mark) => mark.start < stepEnd && mark.end > stepStart);
  const cuts = [...new Set([stepStart, stepEnd, ...inside.flatMap((mark) => [mark.start, mark.end]).filter((at) => at > stepStart && at < stepEnd)])].sort((a, b) => a - b);
  const segments: MarkedSegment[] = [];
  for (let index = 0; index < cuts.length - 1; index += 1) {
    const start = cuts[index]!;
    const end = cuts[index + 1]!;
    segments.push({ start, end, text: text.slice(start - stepStart, end - stepStart), marks: inside.filter((mark) => mark.start <= start && mark.end >= end) });
  }
  return segments;
}
