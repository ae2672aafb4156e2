import type { RiskValue } from "../domain/risk";
import type { EvaluationCell, EvaluationRow } from "./evaluation";
import type { Drift } from "./drift";
import type { SpanAgreement, SpanPair } from "./span-agreement";

export type Route = "unanimous" | "majority" | "no_majority" | "reference";
export type Votes = Record<string, RiskValue>;

/** What the SQL path reads from the store: counts, never samples. */
export type StatsAggregates = {
  /** Samples per (judge → level) pattern, route and week of import (the Monday, YYYY-MM-DD). */
  votePatterns: { votes: Votes; route: Route; week: string; count: number }[];
  /** First-round expert decisions per vote pattern, expert level and week of the decision. */
  expertPatterns: { votes: Votes; route: Route; expert: RiskValue; week: string; count: number }[];
  /** Double-adjudicated samples per (first, second) level. */
  expertPairs: { first: RiskValue; second: RiskValue; count: number }[];
  prelabel: {
    model: string | null;
    version: string | null;
    n: number;
    /** Truth (expert, or unanimous consensus) against the pre-label, per level pair (and, against the expert, week of the decision). */
    vsExpert: { truth: RiskValue; predicted: RiskValue; week: string; count: number }[];
    vsConsensus: { truth: RiskValue; predicted: RiskValue; count: number }[];
  };
  /** Every pre-label model version against the reference labels and against the first expert decision. */
  evaluation: { vsReference: EvaluationCell[]; vsExpert: EvaluationCell[] };
  /** Scored gold answers per expert, and whether a dataset in scope pauses them (docs/quality-control.md). */
  gold: { expert: string; n: number; correct: number; paused: boolean }[];
  /** Scored gold answers per expert and week of the answer. */
  goldWeeks: { expert: string; week: string; n: number; correct: number }[];
  /** Double-adjudicated samples where both experts marked a span: the thinking and both starts. */
  spanPairs: SpanPair[];
};

/** One expert's gold accuracy with its Wilson 95% interval. */
export type GoldAccuracy = { expert: string; n: number; correct: number; accuracy: number | null; ci_low: number | null; ci_high: number | null; paused: boolean };

/** The statistics object that `gts stats --json` and `GET /api/v1/stats` return (docs/statistics.md). */
export type DatasetStats = {
  samples: number;
  routing: Record<Route, number>;
  judges: {
    krippendorff_alpha: { nominal: number | null; ordinal: number | null; interval: number | null };
    fleiss_kappa: number | null;
    pairwise: {
      a: string;
      b: string;
      n: number;
      agreement: number | null;
      cohen_kappa: number | null;
      cohen_kappa_linear: number | null;
      cohen_kappa_quadratic: number | null;
    }[];
    per_judge: { judge: string; n: number; minority_count: number; accuracy_vs_expert: number | null }[];
  };
  experts: {
    adjudicated: number;
    overturned_majority: number;
    double_adjudicated: number;
    expert_kappa: number | null;
    gold: GoldAccuracy[];
    span_agreement: SpanAgreement;
  };
  prelabel: {
    model: string | null;
    version: string | null;
    n: number;
    f1_vs_expert: number | null;
    f1_vs_consensus: number | null;
    macro_f1_vs_expert: number | null;
    macro_f1_vs_consensus: number | null;
  };
  /** The paper's table: each pre-label model version per source (benchmark), and over all of them. */
  evaluation: { vs_reference: EvaluationRow[]; vs_expert: EvaluationRow[] };
  /** Week by week, with flags where a week fell below the previous four weeks' interval. */
  drift: Drift;
};
