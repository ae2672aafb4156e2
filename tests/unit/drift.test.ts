import { describe, expect, it } from "vitest";
import type { RiskValue } from "@/lib/domain/risk";
import { driftFromAggregates } from "@/lib/stats/drift";
import type { StatsAggregates } from "@/lib/stats/stats-types";

const WEEKS = ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"];
const empty = (): StatsAggregates => ({
  votePatterns: [],
  expertPatterns: [],
  expertPairs: [],
  prelabel: { model: "guard", version: "v1", n: 0, vsExpert: [], vsConsensus: [] },
  evaluation: { vsReference: [], vsExpert: [] },
  gold: [],
  goldWeeks: [],
  spanPairs: [],
});

describe("drift", () => {
  it("flags the week an expert's gold accuracy falls below the previous four weeks' pooled interval", () => {
    const aggregates = empty();
    // 20 of 20 in each of four weeks (pooled 80/80: Wilson low 0.954), then 15 of 20.
    aggregates.goldWeeks = WEEKS.map((week, index) => ({ expert: "ana@example.org", week, n: 20, correct: index < 4 ? 20 : 15 }));
    const { weeks, expert_gold_accuracy: gold } = driftFromAggregates(aggregates);
    expect(weeks).toEqual(WEEKS);
    const points = gold[0]!.points;
    expect(points.map((point) => point.flagged)).toEqual([false, false, false, false, true]);
    expect(points[4]).toMatchObject({ n: 20, value: 0.75 });
    expect(points[4]!.baseline_low).toBeCloseTo(0.9542, 4);
    // The first week has no baseline at all.
    expect(points[0]).toMatchObject({ baseline_low: null, baseline_high: null });
  });

  it("does not flag a dip inside the baseline, and counts only the four calendar weeks before", () => {
    const aggregates = empty();
    // 15/20 four times (pooled 60/80, Wilson 0.644–0.831), then 14/20 = 0.70: inside.
    aggregates.goldWeeks = WEEKS.map((week, index) => ({ expert: "bo@example.org", week, n: 20, correct: index < 4 ? 15 : 14 }));
    expect(driftFromAggregates(aggregates).expert_gold_accuracy[0]!.points.some((point) => point.flagged)).toBe(false);
    // A perfect week five weeks earlier is outside the baseline of the last.
    aggregates.goldWeeks = [{ expert: "bo@example.org", week: "2026-10-19", n: 50, correct: 50 }, { expert: "bo@example.org", week: "2026-11-23", n: 20, correct: 14 }];
    const points = driftFromAggregates(aggregates).expert_gold_accuracy[0]!.points;
    expect(points.at(-1)).toMatchObject({ week: "2026-11-23", baseline_low: null, flagged: false });
  });

  it("flags a drop of the judges' α and of each judge's accuracy, and follows the guard's F1", () => {
    const aggregates = empty();
    const votes = (a: RiskValue, b: RiskValue, c: RiskValue) => ({ "gpt-5": a, "gemini-2.5-pro": b, "qwen3-vl-235b": c });
    for (const [index, week] of WEEKS.entries()) {
      const agreeing = index < 4;
      aggregates.votePatterns.push({ votes: votes(0, 0, 0), route: "unanimous", week, count: agreeing ? 40 : 10 }, { votes: votes(1, 1, 1), route: "unanimous", week, count: agreeing ? 40 : 10 });
      aggregates.votePatterns.push({ votes: votes(0, 1, 0.5), route: "no_majority", week, count: agreeing ? 2 : 60 });
      aggregates.expertPatterns.push({ votes: votes(0, 0, 1), route: "majority", expert: agreeing ? 0 : 1, week, count: 30 });
      aggregates.prelabel.vsExpert.push({ truth: 1, predicted: 1, week, count: agreeing ? 30 : 5 }, { truth: 1, predicted: 0, week, count: agreeing ? 0 : 25 }, { truth: 0, predicted: 0, week, count: 30 });
    }
    const drift = driftFromAggregates(aggregates);
    expect(drift.judges_alpha_ordinal.map((point) => point.flagged)).toEqual([false, false, false, false, true]);
    expect(drift.judges_alpha_ordinal[4]!.value!).toBeLessThan(drift.judges_alpha_ordinal[3]!.value!);
    const gpt5 = drift.judge_accuracy.find((row) => row.judge === "gpt-5")!.points;
    expect(gpt5.map((point) => point.value)).toEqual([1, 1, 1, 1, 0]);
    expect(gpt5[4]!.flagged).toBe(true);
    // qwen3 sided with the experts only in the last week: better is never flagged.
    expect(drift.judge_accuracy.find((row) => row.judge === "qwen3-vl-235b")!.points.some((point) => point.flagged)).toBe(false);
    expect(drift.guard_f1.points[0]!.value).toBe(1);
    expect(drift.guard_f1.points[4]).toMatchObject({ flagged: true, n: 60 });
    expect(drift.guard_f1.points[4]!.value).toBeCloseTo(2 * 5 / (2 * 5 + 25), 12);
  });
});
