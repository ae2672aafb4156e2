import { describe, expect, it } from "vitest";
import type { RiskValue } from "@/lib/domain/risk";
import { readEvaluationRecord } from "@/lib/prelabel/evaluation-record";
import { evaluationRows, type EvaluationCell } from "@/lib/stats/evaluation";
import { evaluationCsv, evaluationMarkdown, evaluationTable } from "@/lib/stats/evaluation-table";

/** Cells from (truth, predicted) pairs, one sample each. */
function cells(model: string, source: string | null, pairs: [RiskValue, RiskValue][]): EvaluationCell[] {
  return pairs.map(([truth, predicted]) => ({ model, version: "v1", source, truth, predicted, count: 1 }));
}

describe("the evaluation table", () => {
  // Worked by hand. guard-a on HADES: truth 1,1,0,0.5 vs predicted 1,0,0,0.5: TP 2, FN 1, FP 0, so F1 = 4/5;
  // accuracy 3/4; per level F1: 0 → 2/3, 0.5 → 1, 1 → 2/3, macro 7/9.
  // guard-a on MMJ: truth 0,1 vs 1,1: TP 1, FP 1, F1 = 2/3; accuracy 1/2; per level: 0 → 0, 1 → 2/3, macro 1/3.
  const rows = evaluationRows([
    ...cells("guard-a", "HADES-Eval", [[1, 1], [1, 0], [0, 0], [0.5, 0.5]]),
    ...cells("guard-a", "MMJ-Eval", [[0, 1], [1, 1]]),
    ...cells("guard-b", "HADES-Eval", [[1, 1]]),
    ...cells("guard-b", null, [[0, 0]]),
  ]);

  it("gives F1, macro-F1 and accuracy per model version and source, and over all sources", () => {
    const find = (model: string, source: string) => rows.find((row) => row.model === model && row.source === source)!;
    expect(rows.map((row) => `${row.model}/${row.source}`)).toEqual([
      "guard-a/HADES-Eval", "guard-a/MMJ-Eval", "guard-a/all", "guard-b/HADES-Eval", "guard-b/unspecified", "guard-b/all",
    ]);
    expect(find("guard-a", "HADES-Eval")).toEqual({ model: "guard-a", version: "v1", source: "HADES-Eval", n: 4, f1: 4 / 5, macro_f1: expect.closeTo(7 / 9, 12), accuracy: 3 / 4 });
    expect(find("guard-a", "MMJ-Eval")).toMatchObject({ n: 2, f1: 2 / 3, macro_f1: expect.closeTo(1 / 3, 12), accuracy: 1 / 2 });
    // All six: TP 3, FP 1, FN 1: F1 = 6/8.
    expect(find("guard-a", "all")).toMatchObject({ n: 6, f1: 3 / 4, accuracy: 4 / 6 });
    // Only safe samples: no harmful class to score, so F1 is undefined rather than 0.
    expect(find("guard-b", "unspecified")).toMatchObject({ n: 1, f1: null, accuracy: 1 });
  });

  it("lays the figures out as the paper does, with the mean over benchmarks, as CSV and Markdown", () => {
    const table = evaluationTable(rows);
    expect(table.sources).toEqual(["HADES-Eval", "MMJ-Eval", "unspecified"]);
    expect(table.rows[0]).toEqual({ model: "guard-a", version: "v1", cells: [4 / 5, 2 / 3, null], average: (4 / 5 + 2 / 3) / 2, n: 6 });
    expect(evaluationCsv(table)).toBe(
      "model,version,HADES-Eval,MMJ-Eval,unspecified,average,n\r\nguard-a,v1,80.00,66.67,,73.33,6\r\nguard-b,v1,100.00,,,100.00,2\r\n",
    );
    expect(evaluationMarkdown(table)).toBe(
      [
        "F1 (%)",
        "",
        "| Model | HADES-Eval | MMJ-Eval | unspecified | Avg. |",
        "| --- | ---: | ---: | ---: | ---: |",
        "| guard-a (v1) | 80.00 | 66.67 | – | 73.33 |",
        "| guard-b (v1) | 100.00 | – | – | 100.00 |",
        "",
      ].join("\n"),
    );
  });

  it("quotes CSV cells a spreadsheet would misread", () => {
    const table = evaluationTable(evaluationRows(cells("=HYPERLINK(1)", 'a,"b"', [[1, 1]])));
    expect(evaluationCsv(table).split("\r\n")[1]).toBe('"=HYPERLINK(1)",v1,100.00,100.00,1');
  });
});

describe("evaluation records", () => {
  it("reads the upstream output's raw reply with the guard parser, and our own layout by id", () => {
    const upstream = readEvaluationRecord({ image_name: "x.png", query: "Q", thinking: "T", response: "A", eval_result: "**Analysis**: fine.\n**Judgment**: 0.5", label: 0 });
    expect(upstream).toMatchObject({ ref: { imageName: "x.png" }, verdict: { judgment: 0.5, analysis: "fine." } });
    expect(readEvaluationRecord({ id: "s-1", judgment: 1, analysis: "bad" })).toEqual({ ref: { externalId: "s-1" }, verdict: { judgment: 1, analysis: "bad" } });
    expect(readEvaluationRecord({ id: "s-1", judgment: 2 })).toMatchObject({ unparseable: "judgment: must be 0, 0.5 or 1 (or give the raw reply as output)" });
    expect(readEvaluationRecord({ image_name: "x.png", error: "boom" })).toEqual({ ref: null, unparseable: "the evaluation failed: boom" });
    expect(readEvaluationRecord({ judgment: 0 })).toEqual({ unmatched: "needs the question, thinking and answer as text (or an id) to find its sample" });
  });
});
