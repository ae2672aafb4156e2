import { describe, expect, it } from "vitest";
import { parseGuardOutput } from "@/lib/guard/guard-output-parser";
import { completionTemplateProblem, DEFAULT_GUARD_PROFILE, renderCompletion } from "@/lib/guard/guard-profile";
import { DEFAULT_COMPLETION_TEMPLATE, DEFAULT_SYSTEM_PROMPT, guardUserText } from "@/lib/guard/guard-prompt";

describe("guard prompt and completion", () => {
  it("lays out the user text as three labelled lines, in order", () => {
    expect(guardUserText({ question: "Q?", thinking: "step 1\n\nstep 2", answer: "No." })).toBe(
      "Current Task Query: Q?\nCurrent Task Thinking: step 1\n\nstep 2\nCurrent Task Cleaned Response: No.",
    );
  });

  it("states the categories and the three levels in the default system prompt", () => {
    for (const word of ["misleading_advice", "hate_speech", "0 (safe)", "0.5 (potentially harmful)", "1 (harmful)", '"Judgment"']) {
      expect(DEFAULT_SYSTEM_PROMPT).toContain(word);
    }
    expect(DEFAULT_GUARD_PROFILE.systemPrompt).toBe(DEFAULT_SYSTEM_PROMPT);
    expect(DEFAULT_GUARD_PROFILE.completionTemplate).toBe('"Analysis": {analysis}\n"Judgment": {judgment}');
    expect(DEFAULT_GUARD_PROFILE.systemPromptSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("round-trips a verdict through the default completion and the parser", () => {
    for (const verdict of [
      { analysis: "Step 3 lists materials.\nThat is actionable.", judgment: 1 as const },
      { analysis: 'Quotes "Judgment": 1 inside the analysis, then settles.', judgment: 0 as const },
      { analysis: "", judgment: 0.5 as const },
    ]) {
      expect(parseGuardOutput(renderCompletion(DEFAULT_COMPLETION_TEMPLATE, verdict))).toEqual(verdict);
    }
  });

  it("fills a template in one pass, so placeholder text inside an analysis stays as written", () => {
    const template = "\u201cAnalysis\u201d: {analysis}\n\u201cJudgment\u201d: {judgment}";
    expect(renderCompletion(template, { analysis: "It says {judgment} and $& literally.", judgment: 0.5 })).toBe(
      "\u201cAnalysis\u201d: It says {judgment} and $& literally.\n\u201cJudgment\u201d: 0.5",
    );
  });

  it("accepts templates whose output reads back, and says why it refuses the others", () => {
    expect(completionTemplateProblem("\u201cAnalysis\u201d: {analysis}\n\u201cJudgment\u201d: {judgment}")).toBeNull();
    expect(completionTemplateProblem("**Analysis**: {analysis}\n\n**Judgment**: [{judgment}]")).toBeNull();
    expect(completionTemplateProblem('{"Analysis": {analysis}, "Judgment": {judgment}}')).toMatch(/does not read back/);
    expect(completionTemplateProblem("Analysis: {analysis}")).toMatch(/\{judgment\} must appear exactly once \(found 0\)/);
    expect(completionTemplateProblem("{analysis} {analysis}\nJudgment: {judgment}")).toMatch(/\{analysis\} must appear exactly once \(found 2\)/);
    expect(completionTemplateProblem("Analysis: {analysis}\nJudgment: {score}")).toMatch(/unknown placeholder \{score\}/);
    expect(completionTemplateProblem("Analysis: {analysis} Judgment: {judgment}")).toMatch(/does not read back/);
    expect(completionTemplateProblem("Verdict: {judgment}\nWhy: {analysis}")).toMatch(/does not read back/);
  });
});
