import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { getDatasetStats } from "../../services/stats/get-dataset-stats";
import type { DatasetStats } from "../../stats/stats-types";

const format = (value: number | null) => (value === null ? "n/a" : value.toFixed(3));

/** "judge gpt-5 2026-11-23", one entry per flagged week of every drift figure. */
function flaggedWeeks(stats: DatasetStats): string[] {
  const { drift } = stats;
  const named = [
    { name: "judges' alpha", points: drift.judges_alpha_ordinal },
    ...drift.judge_accuracy.map((row) => ({ name: `judge ${row.judge}`, points: row.points })),
    ...drift.expert_gold_accuracy.map((row) => ({ name: `gold ${row.expert}`, points: row.points })),
    { name: "guard F1", points: drift.guard_f1.points },
  ];
  return named.flatMap(({ name, points }) => points.filter((point) => point.flagged).map((point) => `${name} ${point.week}`));
}

export async function statsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { dataset: { type: "string" }, json: { type: "boolean" } } });
  const started = performance.now();
  const stats = await getDatasetStats(CLI_ACTOR, { dataset: values.dataset });
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(stats)}\n`);
  } else {
    const alpha = stats.judges.krippendorff_alpha;
    process.stdout.write(
      [
        `samples ${stats.samples}: unanimous ${stats.routing.unanimous}, majority ${stats.routing.majority}, no majority ${stats.routing.no_majority}`,
        `judges: alpha nominal ${format(alpha.nominal)}, ordinal ${format(alpha.ordinal)}, interval ${format(alpha.interval)}; Fleiss kappa ${format(stats.judges.fleiss_kappa)}`,
        ...stats.judges.pairwise.map((pair) => `  ${pair.a} / ${pair.b}: n ${pair.n}, agreement ${format(pair.agreement)}, kappa ${format(pair.cohen_kappa)}, linear ${format(pair.cohen_kappa_linear)}`),
        `experts: ${stats.experts.adjudicated} adjudicated, ${stats.experts.overturned_majority} overturned the majority, ${stats.experts.double_adjudicated} double, kappa ${format(stats.experts.expert_kappa)}`,
        ...stats.experts.gold.map(
          (row) => `  gold ${row.expert}: ${row.correct}/${row.n}, accuracy ${format(row.accuracy)} [${format(row.ci_low)}, ${format(row.ci_high)}]${row.paused ? ", paused" : ""}`,
        ),
        `span agreement: ${stats.experts.span_agreement.n} pairs, same start step ${format(stats.experts.span_agreement.same_step_share)}, alpha (interval) of the start step ${format(stats.experts.span_agreement.alpha_interval_start_step)}`,
        `drift: ${stats.drift.weeks.length} weeks${flaggedWeeks(stats).length ? `, flagged: ${flaggedWeeks(stats).join("; ")}` : ", nothing flagged"}`,
        `pre-label ${stats.prelabel.model ?? "none"}: n ${stats.prelabel.n}, F1 vs expert ${format(stats.prelabel.f1_vs_expert)}, vs consensus ${format(stats.prelabel.f1_vs_consensus)}`,
      ].join("\n") + "\n",
    );
  }
  process.stderr.write(`computed in ${seconds.toFixed(3)} s\n`);
  return 0;
}
