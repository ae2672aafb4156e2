import { emptyConfusion, type Confusion } from "./cohen";
import { fleissKappa } from "./fleiss";
import { coincidenceFromCounts, krippendorffAlpha } from "./krippendorff";
import { LEVELS, levelCounts, levelIndex } from "./levels";
import type { Route, StatsAggregates, Votes } from "./stats-types";

export type GroupFigures = {
  key: string;
  samples: number;
  routing: Record<Route, number>;
  alphaNominal: number | null;
  alphaOrdinal: number | null;
  fleissKappa: number | null;
};

/** Agreement figures for one slice of the data (a category, an image condition…), from its vote patterns. */
export function groupFigures(key: string, patterns: { votes: Votes; route: Route; count: number }[]): GroupFigures {
  const routing: Record<Route, number> = { unanimous: 0, majority: 0, no_majority: 0, reference: 0 };
  for (const pattern of patterns) routing[pattern.route] += pattern.count;
  const units = patterns.map((pattern) => ({ counts: levelCounts(Object.values(pattern.votes)), multiplicity: pattern.count }));
  const coincidence = coincidenceFromCounts([...LEVELS], units);
  return {
    key,
    samples: routing.unanimous + routing.majority + routing.no_majority + routing.reference,
    routing,
    alphaNominal: krippendorffAlpha(coincidence, "nominal"),
    alphaOrdinal: krippendorffAlpha(coincidence, "ordinal"),
    fleissKappa: fleissKappa(units),
  };
}

/** Each judge against the first expert decision: rows are the expert's level, columns the judge's. */
export function judgeVersusExpert(aggregates: StatsAggregates): { judge: string; matrix: Confusion }[] {
  const judges = [...new Set(aggregates.votePatterns.flatMap((pattern) => Object.keys(pattern.votes)))].sort();
  return judges.map((judge) => {
    const matrix = emptyConfusion(3);
    for (const { votes, expert, count } of aggregates.expertPatterns) {
      const vote = votes[judge];
      if (vote !== undefined) matrix[levelIndex(expert)]![levelIndex(vote)]! += count;
    }
    return { judge, matrix };
  });
}
