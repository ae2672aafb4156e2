import type { RiskValue } from "./risk";

export type VoteRouteName = "unanimous" | "majority" | "no_majority";
export type VoteOutcome = { route: VoteRouteName; consensus: RiskValue | null; minority: number[] };

/**
 * Routes a sample by its judges' votes: all equal is `unanimous`; a level held by more than half of the
 * judges is a `majority` (the 2:1 split of three judges); anything else has no majority.
 * `minority` lists the indexes of the judges who voted against the consensus.
 */
export function routeVotes(judgments: readonly RiskValue[]): VoteOutcome {
  if (judgments.length === 0) throw new Error("a sample needs at least one judgment");
  const counts = new Map<RiskValue, number>();
  for (const judgment of judgments) counts.set(judgment, (counts.get(judgment) ?? 0) + 1);
  const [leader, votes] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  if (votes === judgments.length) return { route: "unanimous", consensus: leader, minority: [] };
  if (votes * 2 > judgments.length) {
    const minority = judgments.flatMap((judgment, index) => (judgment === leader ? [] : [index]));
    return { route: "majority", consensus: leader, minority };
  }
  return { route: "no_majority", consensus: null, minority: [] };
}
