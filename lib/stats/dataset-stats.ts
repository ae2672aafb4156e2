import { routeVotes } from "../domain/vote-route";
import { cohenKappa, emptyConfusion, percentAgreement, type Confusion } from "./cohen";
import { evaluationRows } from "./evaluation";
import { binaryHarmfulScores, macroF1 } from "./f1";
import { fleissKappa } from "./fleiss";
import { coincidenceFromCounts, krippendorffAlpha } from "./krippendorff";
import { LEVELS, levelIndex, unitsOfPatterns } from "./levels";
import { wilsonInterval } from "../quality/wilson";
import { driftFromAggregates } from "./drift";
import { spanAgreement } from "./span-agreement";
import type { DatasetStats, GoldAccuracy, Route, StatsAggregates } from "./stats-types";

/**
 * The agreement statistics (docs/statistics.md) from aggregate counts (the SQL path). Every figure is computed from pattern counts
 * with multiplicities, so the cost depends on the number of distinct patterns, not of samples.
 */
export function statsFromAggregates(aggregates: StatsAggregates): DatasetStats {
  const { votePatterns, expertPatterns, expertPairs, prelabel } = aggregates;
  const routing: Record<Route, number> = { unanimous: 0, majority: 0, no_majority: 0, reference: 0 };
  for (const pattern of votePatterns) routing[pattern.route] += pattern.count;
  const units = unitsOfPatterns(votePatterns);
  const coincidence = coincidenceFromCounts([...LEVELS], units);
  const judges = [...new Set(votePatterns.flatMap((pattern) => Object.keys(pattern.votes)))].sort();

  const pairwise = judges.flatMap((a, index) =>
    judges.slice(index + 1).map((b) => {
      const matrix = emptyConfusion(3);
      for (const { votes, count } of votePatterns) {
        if (votes[a] !== undefined && votes[b] !== undefined) matrix[levelIndex(votes[a])]![levelIndex(votes[b])]! += count;
      }
      return pairFigures(a, b, matrix);
    }),
  );

  const perJudge = judges.map((judge) => {
    let n = 0;
    let minority = 0;
    for (const { votes, route, count } of votePatterns) {
      if (votes[judge] === undefined) continue;
      n += count;
      if (route === "majority" && votes[judge] !== routeVotes(Object.values(votes)).consensus) minority += count;
    }
    let judged = 0;
    let agreed = 0;
    for (const { votes, expert, count } of expertPatterns) {
      if (votes[judge] === undefined) continue;
      judged += count;
      if (votes[judge] === expert) agreed += count;
    }
    return { judge, n, minority_count: minority, accuracy_vs_expert: judged === 0 ? null : agreed / judged };
  });

  const expertMatrix = emptyConfusion(3);
  for (const { first, second, count } of expertPairs) expertMatrix[levelIndex(first)]![levelIndex(second)]! += count;
  const doubled = expertPairs.reduce((sum, pair) => sum + pair.count, 0);

  const vsExpert = confusionOf(prelabel.vsExpert);
  const vsConsensus = confusionOf(prelabel.vsConsensus);
  return {
    samples: routing.unanimous + routing.majority + routing.no_majority + routing.reference,
    routing,
    judges: {
      krippendorff_alpha: {
        nominal: krippendorffAlpha(coincidence, "nominal"),
        ordinal: krippendorffAlpha(coincidence, "ordinal"),
        interval: krippendorffAlpha(coincidence, "interval"),
      },
      fleiss_kappa: fleissKappa(units),
      pairwise,
      per_judge: perJudge,
    },
    experts: {
      adjudicated: expertPatterns.reduce((sum, pattern) => sum + pattern.count, 0),
      overturned_majority: expertPatterns
        .filter((pattern) => pattern.route === "majority" && pattern.expert !== routeVotes(Object.values(pattern.votes)).consensus)
        .reduce((sum, pattern) => sum + pattern.count, 0),
      double_adjudicated: doubled,
      expert_kappa: doubled === 0 ? null : cohenKappa(expertMatrix),
      gold: aggregates.gold.map(goldAccuracy),
      span_agreement: spanAgreement(aggregates.spanPairs),
    },
    prelabel: {
      model: prelabel.model,
      version: prelabel.version,
      n: prelabel.n,
      f1_vs_expert: prelabel.vsExpert.length === 0 ? null : binaryHarmfulScores(vsExpert).f1,
      f1_vs_consensus: prelabel.vsConsensus.length === 0 ? null : binaryHarmfulScores(vsConsensus).f1,
      macro_f1_vs_expert: macroF1(vsExpert),
      macro_f1_vs_consensus: macroF1(vsConsensus),
    },
    evaluation: { vs_reference: evaluationRows(aggregates.evaluation.vsReference), vs_expert: evaluationRows(aggregates.evaluation.vsExpert) },
    drift: driftFromAggregates(aggregates),
  };
}

function goldAccuracy({ expert, n, correct, paused }: StatsAggregates["gold"][number]): GoldAccuracy {
  const interval = wilsonInterval(correct, n);
  return { expert, n, correct, accuracy: n === 0 ? null : correct / n, ci_low: interval?.low ?? null, ci_high: interval?.high ?? null, paused };
}

export function pairFigures(a: string, b: string, matrix: Confusion): DatasetStats["judges"]["pairwise"][number] {
  return {
    a,
    b,
    n: matrix.flat().reduce((sum, cell) => sum + cell, 0),
    agreement: percentAgreement(matrix),
    cohen_kappa: cohenKappa(matrix, "none"),
    cohen_kappa_linear: cohenKappa(matrix, "linear"),
    cohen_kappa_quadratic: cohenKappa(matrix, "quadratic"),
  };
}

function confusionOf(cells: { truth: (typeof LEVELS)[number]; predicted: (typeof LEVELS)[number]; count: number }[]): Confusion {
  const matrix = emptyConfusion(3);
  for (const { truth, predicted, count } of cells) matrix[levelIndex(truth)]![levelIndex(predicted)]! += count;
  return matrix;
}
