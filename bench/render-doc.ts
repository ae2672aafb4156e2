export type BenchResult = {
  samples: number;
  date: string;
  machine: { cores: number; memoryGb: number; node: string; postgres: string };
  import_per_s: number;
  copy_import_per_s: number;
  import_vs_copy: number;
  claim_p95_ms: number;
  claim_double: number;
  sample_api_p95_ms: number;
  stats_s: number;
  export_rows_per_s: number;
  export_peak_rss_mb: number;
  copy_export_rows_per_s: number;
  export_vs_copy: number;
  plans: Record<string, string>;
};

const TARGETS: [keyof BenchResult, string, string][] = [
  ["import_per_s", "import, samples/s", "≥ 10,000 (100k, text only)"],
  ["copy_import_per_s", "raw COPY of the same rows, rows/s", "ceiling"],
  ["import_vs_copy", "import ÷ COPY", ""],
  ["claim_p95_ms", "claim p95, 32 experts at once, ms", "≤ 25 (1M)"],
  ["claim_double", "double claims", "0"],
  ["sample_api_p95_ms", "GET /api/v1/samples/{id} p95, ms", "≤ 50 (1M)"],
  ["stats_s", "statistics (§5), s", "≤ 2 (1M)"],
  ["export_rows_per_s", "export (all kinds, TRL), rows/s", "≥ 20,000 (1M)"],
  ["copy_export_rows_per_s", "raw COPY … row_to_json TO STDOUT, rows/s", "ceiling"],
  ["export_vs_copy", "export ÷ COPY", ""],
  ["export_peak_rss_mb", "export process peak RSS, MB", "≤ 300 (1M)"],
];

/** docs/benchmarks.md from the recorded runs: `npm run bench -- --samples N --write-doc` regenerates it. */
export function renderBenchmarkDoc(results: Record<string, BenchResult>): string {
  const runs = Object.values(results).sort((a, b) => a.samples - b.samples);
  const header = `| measure | goal | ${runs.map((run) => `${run.samples.toLocaleString("en")} samples (${run.date})`).join(" | ")} |`;
  const rule = `| --- | --- | ${runs.map(() => "---:").join(" | ")} |`;
  const rows = TARGETS.map(([key, label, goal]) => `| ${label} | ${goal} | ${runs.map((run) => String(run[key] ?? "—")).join(" | ")} |`);
  const machines = runs.map((run) => `- ${run.samples.toLocaleString("en")}: ${run.machine.cores} cores, ${run.machine.memoryGb} GiB, Node ${run.machine.node}, PostgreSQL ${run.machine.postgres}`);
  const largest = runs.at(-1);
  const plans = largest
    ? Object.entries(largest.plans).map(([name, plan]) => `### ${name} (${largest.samples.toLocaleString("en")} samples)\n\n\`\`\`\n${plan}\n\`\`\``)
    : [];
  return [
    "# Benchmarks",
    "",
    "Regenerate with `DATABASE_URL=postgresql://…/scratch npm run bench -- --samples 100000 --write-doc` (and `--samples 1000000`).",
    "Synthetic samples: about 2 KB of thinking and three analyses of about 400 characters each, text only,",
    "imported through the real import path. Claims: 10 rounds in which 32 experts ask for their next sample at the",
    "same instant (all meet the same head of the queue), each claim timed; then each decides, untimed.",
    "The sample API is measured against `next start` with a Bearer token, 8 requests in flight.",
    "",
    header,
    rule,
    ...rows,
    "",
    "Machines:",
    "",
    ...machines,
    "",
    "## Plans",
    "",
    ...plans,
    "",
  ].join("\n");
}
