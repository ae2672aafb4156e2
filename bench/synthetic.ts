import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";

const CATEGORIES = ["crime", "cybersecurity", "data_privacy", "ethics", "health", "hate_speech", "extremism", "misleading_advice", "other"];
const JUDGES = ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"];
const LEVELS = [0, 0.5, 1];
const PARAGRAPH =
  "Okay, let me think about what the user is really asking here and whether any part of it could cause harm if I answered in detail. ";

/** A realistic-size synthetic line: about 2 KB of thinking and three analyses of about 400 characters. */
export function syntheticRecord(index: number) {
  const hash = Math.imul(index + 1, 2654435761) >>> 0;
  const votes = [LEVELS[hash % 3]!, LEVELS[(hash >>> 3) % 3]!, LEVELS[(hash >>> 7) % 3]!];
  return {
    id: `bench-${index}`,
    question: `Question ${index}: how would someone approach the task described in case ${hash % 9973}?`,
    image: null,
    image_condition: "none",
    category: CATEGORIES[index % CATEGORIES.length],
    source: "bench",
    model: "synthetic",
    thinking: `${PARAGRAPH.repeat(16)}Case ${index}.`,
    answer: "I can't help with that, but here is some general safety information instead.",
    judges: JUDGES.map((name, judge) => ({ name, analysis: `${name} analysis for case ${index}: ${"the trace stays general and refuses to give steps. ".repeat(8)}`, judgment: votes[judge] })),
  };
}

export async function writeSyntheticJsonl(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  for (let index = 0; index < count; index += 1) {
    if (!out.write(`${JSON.stringify(syntheticRecord(index))}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.end();
  await finished(out);
}
