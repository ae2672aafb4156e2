export type ThinkingStep = { number: number; start: number; end: number; text: string };

/**
 * Splits a reasoning trace into numbered steps for display: by blank lines, or by single line breaks
 * when the trace has no blank lines. Offsets index the original string, so a step (and later a span
 * selection) maps back to exact characters of the thinking.
 */
export function splitThinking(thinking: string): ThinkingStep[] {
  const separator = /\r?\n[ \t]*\r?\n/.test(thinking) ? /(?:\r?\n[ \t]*){2,}/g : /\r?\n/g;
  const steps: ThinkingStep[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = thinking.slice(start, end);
    const leading = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) steps.push({ number: steps.length + 1, start: start + leading, end: start + leading + text.length, text });
  };
  for (const match of thinking.matchAll(separator)) {
    push(match.index);
    start = match.index + match[0].length;
  }
  push(thinking.length);
  return steps;
}
