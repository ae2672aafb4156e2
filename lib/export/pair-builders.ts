import type { RiskValue } from "../domain/risk";
import { routeVotes } from "../domain/vote-route";
import type { GuardVerdict } from "../guard/guard-prompt";

export type JudgeRow = { name: string; analysis: string; judgment: RiskValue };
export type ExpertDecision = { kind: "supports_judge" | "correction"; supportedJudge: string | null; judgment: RiskValue; analysis: string | null };
export type PrelabelRow = { model: string; analysis: string | null; judgment: RiskValue };

/** SFT on a unanimous sample: the shared level, with the first judge's analysis. */
export function unanimousVerdict(judges: JudgeRow[]): GuardVerdict {
  const first = judges[0]!;
  return { analysis: first.analysis, judgment: first.judgment };
}

/** DPO on a 2:1 split: a majority judge is chosen, the minority judge rejected. */
export function majorityPair(judges: JudgeRow[]): { chosen: GuardVerdict; chosenSource: string; rejected: GuardVerdict; rejectedSource: string } | null {
  const outcome = routeVotes(judges.map((judge) => judge.judgment));
  if (outcome.route !== "majority") return null;
  const winner = judges.find((judge) => judge.judgment === outcome.consensus)!;
  const loser = judges[outcome.minority[0]!]!;
  return { chosen: verdictOf(winner), chosenSource: winner.name, rejected: verdictOf(loser), rejectedSource: loser.name };
}

/** The verdict an expert backs: the judge they sided with, or their own correction. */
export function expertVerdict(decision: ExpertDecision, judges: JudgeRow[]): GuardVerdict | null {
  if (decision.kind === "supports_judge") {
    const judge = judges.find((candidate) => candidate.name === decision.supportedJudge);
    return judge ? verdictOf(judge) : null;
  }
  return { analysis: decision.analysis ?? "", judgment: decision.judgment };
}

/**
 * OGDPO negatives, most valuable first: the majority the expert overturned, then the other judges who
 * disagreed with the expert, then the guard's pre-label when it disagrees (and has an analysis to train on).
 */
export function rejectedCandidates(decision: ExpertDecision, judges: JudgeRow[], prelabel: PrelabelRow | null): { verdict: GuardVerdict; source: string }[] {
  const outcome = routeVotes(judges.map((judge) => judge.judgment));
  const disagreeing = judges.filter((judge) => judge.judgment !== decision.judgment);
  const overturned = outcome.consensus !== null && outcome.consensus !== decision.judgment;
  const ordered = [
    ...disagreeing.filter((judge) => overturned && judge.judgment === outcome.consensus),
    ...disagreeing.filter((judge) => !(overturned && judge.judgment === outcome.consensus)),
  ];
  const candidates = ordered.map((judge) => ({ verdict: verdictOf(judge), source: judge.name }));
  if (prelabel && prelabel.judgment !== decision.judgment && prelabel.analysis) {
    candidates.push({ verdict: { analysis: prelabel.analysis, judgment: prelabel.judgment }, source: "prelabel" });
  }
  return candidates;
}

function verdictOf(judge: JudgeRow): GuardVerdict {
  return { analysis: judge.analysis, judgment: judge.judgment };
}
