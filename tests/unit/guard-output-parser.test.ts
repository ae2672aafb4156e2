import { describe, expect, it } from "vitest";
import { GuardOutputError, parseGuardOutput, type GuardOutputProblem } from "@/lib/guard/guard-output-parser";

const ANALYSIS = "The query asks how to bypass a lock. Step 3 of the thinking names the tools and the order of use; the answer refuses.";

/**
 * Every surface form a served guard has been seen to write, one case each. The first rows are the form
 * GuardTrace-VL-3B's own prompt asks for (typographic quotes, the level in square brackets).
 */
const ACCEPTED: { form: string; reply: string; analysis: string; judgment: 0 | 0.5 | 1 }[] = [
  { form: "typographic quotes, bare value (the released model's template)", reply: `\u201cAnalysis\u201d: ${ANALYSIS}\n\u201cJudgment\u201d: 0.5`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "typographic quotes, value in square brackets", reply: `\u201cAnalysis\u201d: ${ANALYSIS}\n\u201cJudgment\u201d: [1]`, analysis: ANALYSIS, judgment: 1 },
  { form: "typographic quotes with the template's trailing spaces", reply: `\u201cAnalysis\u201d: ${ANALYSIS}  \n\u201cJudgment\u201d: [0]  `, analysis: ANALYSIS, judgment: 0 },
  { form: "straight quotes (our default layout)", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 1`, analysis: ANALYSIS, judgment: 1 },
  { form: "straight quotes, value in square brackets", reply: `"Analysis": ${ANALYSIS}\n"Judgment": [1]`, analysis: ANALYSIS, judgment: 1 },
  { form: "no quotes", reply: `Analysis: ${ANALYSIS}\nJudgment: 0`, analysis: ANALYSIS, judgment: 0 },
  { form: "single typographic quotes", reply: `\u2018Analysis\u2019: ${ANALYSIS}\n\u2018Judgment\u2019: 0.5`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "the British spelling Judgement", reply: `"Analysis": ${ANALYSIS}\n"Judgement": 0.5`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "upper case keys", reply: `ANALYSIS: ${ANALYSIS}\nJUDGMENT: 1`, analysis: ANALYSIS, judgment: 1 },
  { form: "lower case keys", reply: `analysis: ${ANALYSIS}\njudgement: 0`, analysis: ANALYSIS, judgment: 0 },
  { form: "markdown emphasis around the key", reply: `**Analysis**: ${ANALYSIS}\n**Judgment**: 0`, analysis: ANALYSIS, judgment: 0 },
  { form: "markdown emphasis around key and colon", reply: `**Analysis:** ${ANALYSIS}\n**Judgment:** 1`, analysis: ANALYSIS, judgment: 1 },
  { form: "emphasis around the value too", reply: `**Analysis**: ${ANALYSIS}\n**Judgment**: **0.5**`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "markdown headings and a list marker", reply: `### Analysis: ${ANALYSIS}\n- **Judgment**: 1`, analysis: ANALYSIS, judgment: 1 },
  { form: "full-width colon", reply: `\u201cAnalysis\u201d\uff1a${ANALYSIS}\n\u201cJudgment\u201d\uff1a0.5`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "value in straight quotes", reply: `"Analysis": ${ANALYSIS}\n"Judgment": "0.5"`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "value in typographic quotes", reply: `\u201cAnalysis\u201d: ${ANALYSIS}\n\u201cJudgment\u201d: \u201c1\u201d`, analysis: ANALYSIS, judgment: 1 },
  { form: "trailing words in parentheses", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 1 (Harmful)`, analysis: ANALYSIS, judgment: 1 },
  { form: "trailing words after a dash", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 0.5 - potentially harmful`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "trailing words naming an unrelated number", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 1, because of step 3`, analysis: ANALYSIS, judgment: 1 },
  { form: "Level N", reply: `"Analysis": ${ANALYSIS}\n"Judgment": Level 1`, analysis: ANALYSIS, judgment: 1 },
  { form: "[Level N] in brackets", reply: `\u201cAnalysis\u201d: ${ANALYSIS}\n\u201cJudgment\u201d: [Level 0.5]`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "the value on the line after the key", reply: `**Analysis**: ${ANALYSIS}\n\n**Judgment**:\n\n1`, analysis: ANALYSIS, judgment: 1 },
  { form: "a number written 1.0", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 1.0`, analysis: ANALYSIS, judgment: 1 },
  {
    form: "an analysis spanning paragraphs",
    reply: `\u201cAnalysis\u201d: The query is framed as fiction.\n\nThe thinking then lists two methods in order.\n\n- it names a tool\n- it names a quantity\n\u201cJudgment\u201d: 1`,
    analysis: "The query is framed as fiction.\n\nThe thinking then lists two methods in order.\n\n- it names a tool\n- it names a quantity",
    judgment: 1,
  },
  { form: "text before the analysis", reply: `Let me audit this step by step.\n\n\u201cAnalysis\u201d: ${ANALYSIS}\n\u201cJudgment\u201d: 0.5`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "the analysis taken literally in the template's brackets", reply: `\u201cAnalysis\u201d: [${ANALYSIS}]\n\u201cJudgment\u201d: [0.5]`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "the judgment first, then the analysis", reply: `"Judgment": 0\n"Analysis": ${ANALYSIS}`, analysis: ANALYSIS, judgment: 0 },
  { form: "the same judgment twice (a repeated tail)", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 1\n\n"Judgment": 1`, analysis: ANALYSIS, judgment: 1 },
  { form: "no analysis key: the text before the judgment", reply: `${ANALYSIS}\nJudgment: 1`, analysis: ANALYSIS, judgment: 1 },
  { form: "a judgment and nothing else", reply: `"Judgment": 0`, analysis: "", judgment: 0 },
  { form: "an analysis that mentions the key mid-line", reply: `"Analysis": My judgment: the trace leaks. It quotes "Judgment": 0 from a forum.\n"Judgment": 1`, analysis: 'My judgment: the trace leaks. It quotes "Judgment": 0 from a forum.', judgment: 1 },
  { form: "CRLF line ends", reply: `"Analysis": ${ANALYSIS}\r\n"Judgment": 0.5\r\n`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "our JSON form", reply: `{"Analysis": "${ANALYSIS}", "Judgment": 0.5}`, analysis: ANALYSIS, judgment: 0.5 },
  { form: "JSON with lower-case keys and a string value", reply: `{"analysis": "${ANALYSIS}", "judgement": "1"}`, analysis: ANALYSIS, judgment: 1 },
  { form: "JSON in a fence", reply: "```json\n" + `{"Analysis": "${ANALYSIS}", "Judgment": 0}` + "\n```", analysis: ANALYSIS, judgment: 0 },
  { form: "JSON in a fence after prose", reply: "Here is my verdict.\n```json\n" + `{\n  "Analysis": "${ANALYSIS}",\n  "Judgment": 1\n}` + "\n```", analysis: ANALYSIS, judgment: 1 },
  { form: "the whole reply in a plain fence", reply: "```\n" + `"Analysis": ${ANALYSIS}\n"Judgment": 0.5` + "\n```", analysis: ANALYSIS, judgment: 0.5 },
];

const REFUSED: { form: string; reply: string; problem: GuardOutputProblem; message: RegExp }[] = [
  { form: "no judgment at all", reply: "The thinking seems fine to me overall.", problem: "no_judgment", message: /no "Judgment" line/ },
  { form: "an analysis cut off before its judgment", reply: `\u201cAnalysis\u201d: ${ANALYSIS} The third step then`, problem: "no_judgment", message: /no "Judgment" line/ },
  { form: "a judgment key not at the start of a line", reply: `"Analysis": ${ANALYSIS} "Judgment": 1`, problem: "no_judgment", message: /no "Judgment" line/ },
  { form: "two judgments that disagree", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 0\n"Analysis": On reflection, worse.\n"Judgment": 1`, problem: "conflicting_judgments", message: /disagree \(0 and 1\)/ },
  { form: "one judgment line naming two levels", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 0 or 0.5`, problem: "conflicting_judgments", message: /more than one level/ },
  { form: "a value outside 0, 0.5 and 1", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 0.7`, problem: "not_a_level", message: /"0.7" is not 0, 0.5 or 1/ },
  { form: "a level from another scale", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 2`, problem: "not_a_level", message: /"2" is not 0, 0.5 or 1/ },
  { form: "a word instead of a number", reply: `"Analysis": ${ANALYSIS}\n"Judgment": harmful`, problem: "not_a_level", message: /"harmful" is not a risk level/ },
  { form: "the template's choices echoed", reply: `\u201cAnalysis\u201d: [Your detailed analysis]\n\u201cJudgment\u201d: [0/0.5/1]`, problem: "not_a_level", message: /repeats the choices/ },
  { form: "a judgment naming one of two models (1/2)", reply: `"Analysis": Response 1 is safer than response 2.\n"Judgment": 1/2`, problem: "names_a_model", message: /"1\/2" names one of several models/ },
  { form: "a judgment naming a model", reply: `"Analysis": The second answer leaks less.\n"Judgment": Model 2`, problem: "names_a_model", message: /"Model 2" names a model/ },
  { form: "a judgment naming a response", reply: `"Analysis": Both are close.\n"Judgment": Response A`, problem: "names_a_model", message: /names a model or response/ },
  { form: "a number glued to letters", reply: `"Analysis": ${ANALYSIS}\n"Judgment": 1st`, problem: "not_a_level", message: /"1st" is not a risk level/ },
  { form: "an empty judgment", reply: `"Analysis": ${ANALYSIS}\n"Judgment":`, problem: "not_a_level", message: /"" is not a risk level/ },
  { form: "JSON that does not parse", reply: '{"Analysis": "cut off', problem: "bad_json", message: /does not parse/ },
  { form: "JSON without a judgment", reply: '{"Analysis": "fine"}', problem: "no_judgment", message: /no "Judgment"/ },
  { form: "JSON with a judgment outside the levels", reply: '{"Analysis": "fine", "Judgment": 3}', problem: "not_a_level", message: /"3" is not 0, 0.5 or 1/ },
  { form: "JSON with a non-string analysis", reply: '{"Analysis": ["a"], "Judgment": 0}', problem: "bad_json", message: /not a string/ },
];

describe("guard output parser: real replies", () => {
  it.each(ACCEPTED)("reads $form", ({ reply, analysis, judgment }) => {
    expect(parseGuardOutput(reply)).toEqual({ analysis, judgment });
  });

  it.each(REFUSED)("refuses $form, saying why", ({ reply, problem, message }) => {
    let caught: unknown;
    try {
      parseGuardOutput(reply);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GuardOutputError);
    expect((caught as GuardOutputError).problem).toBe(problem);
    expect((caught as GuardOutputError).message).toMatch(message);
  });
});
