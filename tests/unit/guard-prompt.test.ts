import { describe, expect, it } from "vitest";
import { GuardOutputError, parseGuardOutput } from "@/lib/guard/guard-output-parser";
import { guardCompletion, guardUserText, GUARD_SYSTEM_PROMPT } from "@/lib/guard/guard-prompt";

describe("guard prompt and completion", () => {
  it("lays out the user text as three labelled lines, in order", () => {
    expect(guardUserText({ question: "Q?", thinking: "step 1\n\nstep 2", answer: "No." })).toBe(
      "Current Task Query: Q?\nCurrent Task Thinking: step 1\n\nstep 2\nCurrent Task Cleaned Response: No.",
    );
  });

  it("states the categories and the three levels in the system prompt", () => {
    for (const word of ["misleading_advice", "hate_speech", "0 (safe)", "0.5 (potentially harmful)", "1 (harmful)", '"Judgment"']) {
      expect(GUARD_SYSTEM_PROMPT).toContain(word);
    }
  });

  it("round-trips a verdict through the completion and the parser", () => {
    for (const verdict of [
      { analysis: "Step 3 lists materials.\nThat is actionable.", judgment: 1 as const },
      { analysis: 'Quotes "Judgment": 1 inside the analysis, then settles.', judgment: 0 as const },
      { analysis: "", judgment: 0.5 as const },
    ]) {
      expect(parseGuardOutput(guardCompletion(verdict))).toEqual(verdict);
    }
  });

  it("also reads the two keys as a JSON object, fenced or not", () => {
    expect(parseGuardOutput('{"Analysis": "fine", "Judgment": 0}')).toEqual({ analysis: "fine", judgment: 0 });
    expect(parseGuardOutput('```json\n{"Analysis": "leans", "Judgment": "0.5"}\n```')).toEqual({ analysis: "leans", judgment: 0.5 });
  });

  it("refuses anything else with a clear message", () => {
    expect(() => parseGuardOutput("I think it is harmful.")).toThrow(GuardOutputError);
    expect(() => parseGuardOutput('"Analysis": x\n"Judgment": 0.7')).toThrow(/0.7" is not 0, 0.5 or 1/);
    expect(() => parseGuardOutput('"Judgment": 1')).toThrow(/no "Analysis"/);
    expect(() => parseGuardOutput("{not json")).toThrow(/does not parse/);
    expect(() => parseGuardOutput('{"Judgment": 1}')).toThrow(/no string "Analysis"/);
  });
});
