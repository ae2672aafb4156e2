import { parseArgs } from "node:util";
import { CLI_ACTOR } from "../../auth/actor";
import { getDatasetStats } from "../../services/stats/get-dataset-stats";

const format = (value: number | null) => (value === null ? "n/a" : value.toFixed(3));

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
        `pre-label ${stats.prelabel.model ?? "none"}: n ${stats.prelabel.n}, F1 vs expert ${format(stats.prelabel.f1_vs_expert)}, vs consensus ${format(stats.prelabel.f1_vs_consensus)}`,
      ].join("\n") + "\n",
    );
  }
  process.stderr.write(`computed in ${seconds.toFixed(3)} s\n`);
  return 0;
}
