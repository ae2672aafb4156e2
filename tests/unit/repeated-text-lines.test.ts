import { describe, expect, it } from "vitest";
import { llamafactoryRows } from "@/lib/export/llamafactory-layout";
import { repeatedTextLines } from "@/lib/export/repeated-text-lines";
import { trlRows } from "@/lib/export/trl-layout";
import type { TrainingExample } from "@/lib/export/training-example";
import { DEFAULT_GUARD_PROFILE } from "@/lib/guard/guard-profile";

// Texts that a naive splice would mangle: replacement patterns, escapes, a quoted placeholder, non-ASCII.
const hostile = 'It said "$&" and $1 then \\n, a tab\t, <image> and 😀 in "quotes"';
const example: TrainingExample = {
  kind: "dpo",
  sampleId: 1,
  externalId: "s-1",
  route: "majority",
  task: { question: hostile, thinking: `Step 1. ${hostile}`, answer: "I can't help." },
  image: { sha256: "a".repeat(64), mime: "image/png" },
  chosen: { analysis: hostile, judgment: 1 },
  rejected: { analysis: "Fine.", judgment: 0 },
  rejectedSource: "b",
  provenance: { sample: "s-1", dataset: "d", source: null, route: "majority", votes: [], chosen_from: "judge:a", rejected_from: "judge:b", adjudication: null, span: null },
  tokens: { prompt: null, chosen: null, rejected: null },
};

describe("JSON lines with the system prompt spliced in", () => {
  const profile = { ...DEFAULT_GUARD_PROFILE, systemPrompt: `Rubric "$'" $$ \\ ${hostile}\nline two` };

  it("writes exactly the line JSON.stringify writes of the real row, in both layouts", () => {
    const lines = repeatedTextLines();
    expect(lines.line(trlRows(profile, "prompt-completion", lines.standIn)(example))).toBe(JSON.stringify(trlRows(profile, "prompt-completion")(example)));
    const spliced = repeatedTextLines();
    const tally = { texts: 0 };
    expect(spliced.line(llamafactoryRows(profile, tally, spliced.standIn)(example))).toBe(JSON.stringify(llamafactoryRows(profile, { texts: 0 })(example)));
  });

  it("leaves a row without the stand-in as it is", () => {
    const lines = repeatedTextLines();
    lines.standIn("the prompt");
    expect(lines.line({ text: hostile })).toBe(JSON.stringify({ text: hostile }));
    expect(repeatedTextLines().line({ text: "\u0000gts:repeated-text\u0000" })).toBe(JSON.stringify({ text: "\u0000gts:repeated-text\u0000" }));
  });
});
