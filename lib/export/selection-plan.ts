import { createHash } from "node:crypto";
import type { RiskValue } from "../domain/risk";
import type { ExportOptions } from "./export-options";
import { labelOf, type TrainingExample } from "./training-example";

export type Side = "train" | "test";

/** Which examples a kind keeps (balance) and which side each goes to (split), decided before any is written. */
export type SelectionPlan = { keep: (example: TrainingExample) => boolean; side: (example: TrainingExample) => Side | null };

/** A stable 48-bit number from text: an order no one chose, the same on every run. */
function rank(text: string): number {
  return createHash("sha256").update(text, "utf8").digest().readUIntBE(0, 6);
}

/** Samples that share a question (normalised for case, width and spacing) are one group: never split apart. */
function groupOf(example: TrainingExample): number {
  return rank(example.task.question.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim());
}

function rowRank(example: TrainingExample): number {
  return rank(`${example.kind}\u0000${example.sampleId}\u0000${example.kind === "sft" ? "" : example.rejectedSource}`);
}

type Seen = { group: number; label: RiskValue; source: string; row: number };

/**
 * Reads a kind's examples once to plan the export that follows:
 * - `balance: downsample` keeps, of every label, as many rows as the rarest label has: those that come
 *   first in a fixed pseudo-random order, so the same data always keeps the same rows;
 * - a split is leak-free and stratified: question groups never straddle the sides, and within each
 *   stratum (label and source, a group counted under its most common one) whole groups go to test, in a
 *   fixed pseudo-random order, until the stratum's test share is reached, so train and test have the same
 *   label mix.
 * Memory is a few numbers per row.
 */
export async function planSelection(
  examples: AsyncIterable<TrainingExample>,
  options: Pick<ExportOptions, "balance" | "split">,
  eligible: (example: TrainingExample) => boolean = () => true,
): Promise<SelectionPlan> {
  const seen: Seen[] = [];
  for await (const example of examples) {
    // Rows the export leaves out anyway (over the length limit) must not count toward the balance.
    if (!eligible(example)) continue;
    seen.push({ group: groupOf(example), label: labelOf(example), source: example.provenance.source ?? "", row: rowRank(example) });
  }
  const cutoff = options.balance === "downsample" ? balanceCutoffs(seen) : null;
  const kept = cutoff ? seen.filter((entry) => entry.row <= cutoff.get(entry.label)!) : seen;
  const tested = options.split ? testGroups(kept, options.split) : null;
  return {
    keep: (example) => (cutoff ? rowRank(example) <= (cutoff.get(labelOf(example)) ?? -1) : true),
    side: (example) => (tested ? (tested.has(groupOf(example)) ? "test" : "train") : null),
  };
}

/** Per label, the rank of the last row kept: every label keeps as many rows as the rarest one has. */
function balanceCutoffs(seen: Seen[]): Map<RiskValue, number> {
  const byLabel = new Map<RiskValue, number[]>();
  for (const entry of seen) {
    const ranks = byLabel.get(entry.label) ?? [];
    ranks.push(entry.row);
    byLabel.set(entry.label, ranks);
  }
  const target = Math.min(...[...byLabel.values()].map((ranks) => ranks.length));
  return new Map([...byLabel.entries()].map(([label, ranks]) => [label, ranks.sort((a, b) => a - b)[target - 1]!]));
}

function testGroups(kept: Seen[], share: number): Set<number> {
  const groups = new Map<number, { rows: number; strata: Map<string, number> }>();
  for (const entry of kept) {
    const group = groups.get(entry.group) ?? { rows: 0, strata: new Map() };
    const stratum = `${entry.label}\u0000${entry.source}`;
    group.rows += 1;
    group.strata.set(stratum, (group.strata.get(stratum) ?? 0) + 1);
    groups.set(entry.group, group);
  }
  const byStratum = new Map<string, { group: number; rows: number }[]>();
  for (const [group, { rows, strata }] of groups) {
    const main = [...strata.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const members = byStratum.get(main) ?? [];
    members.push({ group, rows });
    byStratum.set(main, members);
  }
  const test = new Set<number>();
  // Targets by cumulative rounding over the strata, so that many small strata (a target of 0.4 rows each)
  // still add up to the share of the whole instead of rounding each to nothing.
  let seenRows = 0;
  let assigned = 0;
  for (const [, members] of [...byStratum.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    seenRows += members.reduce((sum, member) => sum + member.rows, 0);
    const target = Math.round(share * seenRows) - assigned;
    let rows = 0;
    // A group goes to test when that brings the stratum's test rows nearer its target: a large group may
    // overshoot a little rather than leave the test side short.
    for (const member of members.sort((a, b) => a.group - b.group)) {
      if (Math.abs(rows + member.rows - target) >= Math.abs(rows - target)) continue;
      test.add(member.group);
      rows += member.rows;
    }
    assigned += rows;
  }
  return test;
}
