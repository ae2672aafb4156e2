import type { ExampleTokens, TrainingExample } from "./training-example";

/**
 * The tokens Qwen2-VL's chat template adds around the three turns: `<|im_start|>`, the role and a line
 * break before each, `<|im_end|>` and a line break after. The image's own tokens are in the prompt count.
 */
export const CHAT_TEMPLATE_TOKENS = 3 * 5;

/** The profile's stored counts: its system prompt, and its completion template around an analysis. */
export type ProfileTokens = { system: number; template: number };

/**
 * A row's length in tokens as a trainer sees it: system prompt, user turn and image, the longer of the
 * completions, the template's words and the chat template's tokens. Null while any part is uncounted.
 */
export function rowLength(tokens: ExampleTokens, kind: TrainingExample["kind"], profile: ProfileTokens | null): number | null {
  if (!profile || tokens.prompt === null || tokens.chosen === null) return null;
  if (kind !== "sft" && tokens.rejected === null) return null;
  return profile.system + tokens.prompt + Math.max(tokens.chosen, tokens.rejected ?? 0) + profile.template + CHAT_TEMPLATE_TOKENS;
}

export type LengthSummary = { counted: number; uncounted: number; p50: number | null; p95: number | null; max: number | null; overMaxLength: number; dropped: number };

/** The lengths of one kind's rows, for the manifest: percentiles over the counted rows. */
export class LengthTally {
  private readonly lengths: number[] = [];
  uncounted = 0;
  dropped = 0;

  add(length: number | null): void {
    if (length === null) this.uncounted += 1;
    else this.lengths.push(length);
  }

  summary(maxLength: number): LengthSummary {
    const sorted = [...this.lengths].sort((a, b) => a - b);
    const at = (share: number) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!);
    return {
      counted: sorted.length,
      uncounted: this.uncounted,
      p50: at(0.5),
      p95: at(0.95),
      max: sorted.at(-1) ?? null,
      overMaxLength: sorted.filter((length) => length > maxLength).length,
      dropped: this.dropped,
    };
  }
}

/**
 * The cutoff to train with: the longest row, rounded up to a multiple of 64, when every row fits under
 * `maxLength` (or the longer ones were dropped); `maxLength` otherwise, and when nothing is counted.
 */
export function trainingCutoff(summaries: LengthSummary[], maxLength: number): number {
  const longest = Math.max(0, ...summaries.map((summary) => summary.max ?? 0));
  const allCounted = summaries.every((summary) => summary.uncounted === 0) && longest > 0;
  return allCounted && longest <= maxLength ? Math.min(maxLength, Math.ceil(longest / 64) * 64) : maxLength;
}
