import type { RiskValue } from "../domain/risk";
import { routeVotes } from "../domain/vote-route";
import { cohenKappa, emptyConfusion } from "./cohen";
import { pairFigures } from "./dataset-stats";
import { evaluationRows, type EvaluationCell } from "./evaluation";
import { binaryHarmfulScores, macroF1 } from "./f1";
import { fleissKappa } from "./fleiss";
import { coincidenceFromUnits, krippendorffAlpha } from "./krippendorff";
import { levelCounts, levelIndex } from "./levels";
import type { DatasetStats, Route, Votes } from "./stats-types";

export type ReferenceSample = {
  votes: Votes;
  /** First- and second-round expert levels, when decided. */
  first: RiskValue | null;
  second: RiskValue | null;
  /** The current model's pre-label level, when there is one. */
  prelabel: RiskValue | null;
  /** The reference label, and the sample's source, for the evaluation rows. */
  reference?: RiskValue | null;
  source?: string | null;
};

/**
 * The figures samples' levels define: all but the experts' gold accuracy (from gold answers, not samples),
 * their span agreement (from the spans' positions in the thinking) and the drift (the same figures by
 * week), each checked on its own.
 */
export type SampleFigures = Omit<DatasetStats, "experts" | "drift"> & { experts: Omit<DatasetStats["experts"], "gold" | "span_agreement"> };

/**
 * The same statistics computed sample by sample, straight from the definitions: the check that the
 * aggregate (SQL) path loses nothing. Used by tests, never on a large dataset.
 */
export function statsFromSamples(samples: ReferenceSample[], model: { name: string | null; version: string | null }): SampleFigures {
  // A sample without votes is a reference sample: it counts, and pairs with nothing.
  const outcomes = samples.map((sample) =>
    Object.keys(sample.votes).length === 0 ? { route: "reference" as const, minority: [] as number[] } : routeVotes(Object.values(sample.votes)),
  );
  const routing: Record<Route, number> = { unanimous: 0, majority: 0, no_majority: 0, reference: 0 };
  outcomes.forEach((outcome) => (routing[outcome.route] += 1));
  const coincidence = coincidenceFromUnits(samples.map((sample) => Object.values(sample.votes)));
  const judges = [...new Set(samples.flatMap((sample) => Object.keys(sample.votes)))].sort();

  const pairwise = judges.flatMap((a, index) =>
    judges.slice(index + 1).map((b) => {
      const matrix = emptyConfusion(3);
      for (const { votes } of samples) if (votes[a] !== undefined && votes[b] !== undefined) matrix[levelIndex(votes[a])]![levelIndex(votes[b])]! += 1;
      return pairFigures(a, b, matrix);
    }),
  );
  const perJudge = judges.map((judge) => {
    const judged = samples.map((sample, index) => ({ sample, outcome: outcomes[index]! })).filter(({ sample }) => sample.votes[judge] !== undefined);
    const minority = judged.filter(({ sample, outcome }) => outcome.minority.includes(Object.keys(sample.votes).indexOf(judge))).length;
    const decided = judged.filter(({ sample }) => sample.first !== null);
    const agreed = decided.filter(({ sample }) => sample.votes[judge] === sample.first).length;
    return { judge, n: judged.length, minority_count: minority, accuracy_vs_expert: decided.length === 0 ? null : agreed / decided.length };
  });

  const doubled = samples.filter((sample) => sample.first !== null && sample.second !== null);
  const expertMatrix = emptyConfusion(3);
  doubled.forEach((sample) => (expertMatrix[levelIndex(sample.first!)]![levelIndex(sample.second!)]! += 1));
  const vsExpert = emptyConfusion(3);
  const vsConsensus = emptyConfusion(3);
  let expertPairs = 0;
  let consensusPairs = 0;
  samples.forEach((sample, index) => {
    if (sample.prelabel === null) return;
    if (sample.first !== null) {
      vsExpert[levelIndex(sample.first)]![levelIndex(sample.prelabel)]! += 1;
      expertPairs += 1;
    }
    if (outcomes[index]!.route === "unanimous") {
      vsConsensus[levelIndex(outcomes[index]!.consensus!)]![levelIndex(sample.prelabel)]! += 1;
      consensusPairs += 1;
    }
  });
  return {
    samples: samples.length,
    routing,
    judges: {
      krippendorff_alpha: {
        nominal: krippendorffAlpha(coincidence, "nominal"),
        ordinal: krippendorffAlpha(coincidence, "ordinal"),
        interval: krippendorffAlpha(coincidence, "interval"),
      },
      fleiss_kappa: fleissKappa(samples.map((sample) => ({ counts: levelCounts(Object.values(sample.votes)) }))),
      pairwise,
      per_judge: perJudge,
    },
    experts: {
      adjudicated: samples.filter((sample) => sample.first !== null).length,
      overturned_majority: samples.filter((sample, index) => outcomes[index]!.route === "majority" && sample.first !== null && sample.first !== outcomes[index]!.consensus).length,
      double_adjudicated: doubled.length,
      expert_kappa: doubled.length === 0 ? null : cohenKappa(expertMatrix),
    },
    prelabel: {
      model: model.name,
      version: model.version,
      n: samples.filter((sample) => sample.prelabel !== null).length,
      f1_vs_expert: expertPairs === 0 ? null : binaryHarmfulScores(vsExpert).f1,
      f1_vs_consensus: consensusPairs === 0 ? null : binaryHarmfulScores(vsConsensus).f1,
      macro_f1_vs_expert: macroF1(vsExpert),
      macro_f1_vs_consensus: macroF1(vsConsensus),
    },
    evaluation: {
      vs_reference: model.name && model.version ? evaluationRows(cellsAgainst(samples, model.name, model.version, (sample) => sample.reference ?? null)) : [],
      vs_expert: model.name && model.version ? evaluationRows(cellsAgainst(samples, model.name, model.version, (sample) => sample.first)) : [],
    },
  };
}

/** One cell per sample that has both the pre-label and the truth: the plain definition of `n`. */
function cellsAgainst(samples: ReferenceSample[], model: string, version: string, truthOf: (sample: ReferenceSample) => RiskValue | null): EvaluationCell[] {
  return samples.flatMap((sample) => {
    const truth = truthOf(sample);
    if (truth === null || sample.prelabel === null) return [];
    return [{ model, version, source: sample.source ?? null, truth, predicted: sample.prelabel, count: 1 }];
  });
}
