import type { ExportLoadResult } from "./export-load-bench";
import type { GuardBenchResult } from "./guard-bench";
import type { QualityClaimsResult } from "./quality-claims-bench";
import type { WorkspaceLatencyResult } from "./workspace-latency-bench";

type Machine = { cores: number; memoryGb: number; node: string; postgres: string };

export type BenchResult = {
  samples: number;
  date: string;
  machine: Machine;
  import_per_s: number;
  copy_import_per_s: number;
  /** The same records in the upstream layout as a Parquet file, read with the guardtrace layout. */
  parquet_import_per_s?: number;
  /** The worker's token job: samples counted per second, that rate's time for 1M, and the tokenizer alone. */
  token_count_per_s?: number;
  token_count_1m_s?: number;
  tokenizer_tokens_per_s?: number;
  /** The same export with Parquet data files and the images embedded. */
  export_parquet_rows_per_s?: number;
  export_parquet_peak_rss_mb?: number;
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

export type GuardRun = GuardBenchResult & { date: string; machine: Machine };
export type ExportLoadRun = ExportLoadResult & { date: string; machine: Machine };
export type QualityClaimsRun = QualityClaimsResult & { date: string; machine: Machine };
export type WorkspaceLatencyRun = WorkspaceLatencyResult & { date: string; machine: Machine };

/** docs/benchmarks.json: one run per size, the guard run and the claims under export load. */
export type BenchRecord = { guard?: GuardRun; exportLoad?: ExportLoadRun; qualityClaims?: QualityClaimsRun; workspaceLatency?: WorkspaceLatencyRun } & {
  [samples: string]: BenchResult | GuardRun | ExportLoadRun | QualityClaimsRun | WorkspaceLatencyRun | undefined;
};

type Goal = { atMost?: number; atLeast?: number };

const ROWS: [keyof BenchResult, string, string, Goal | null][] = [
  ["import_per_s", "import, samples/s", "≥ 10,000 (100k, text only)", { atLeast: 10_000 }],
  ["copy_import_per_s", "raw COPY of the same rows, rows/s", "ceiling", null],
  ["import_vs_copy", "import ÷ COPY", "", null],
  ["parquet_import_per_s", "Parquet import (upstream layout), records/s", "≥ 10,000 (100k, text only)", { atLeast: 10_000 }],
  ["claim_p95_ms", "claim p95, 32 experts at once, ms", "≤ 25 (1M)", { atMost: 25 }],
  ["claim_double", "double claims", "0", { atMost: 0 }],
  ["sample_api_p95_ms", "GET /api/v1/samples/{id} p95, ms", "≤ 50 (1M)", { atMost: 50 }],
  ["stats_s", "statistics (agreement dashboard), s", "≤ 2 (1M)", { atMost: 2 }],
  ["export_rows_per_s", "export (all kinds, TRL), rows/s", "≥ 20,000 (1M)", { atLeast: 20_000 }],
  ["copy_export_rows_per_s", "raw COPY … row_to_json TO STDOUT, rows/s", "ceiling", null],
  ["export_vs_copy", "export ÷ COPY", "", null],
  ["export_peak_rss_mb", "export process peak RSS, MB", "≤ 300 (1M)", { atMost: 300 }],
  ["export_parquet_rows_per_s", "the same export as Parquet, rows/s", "recorded", null],
  ["export_parquet_peak_rss_mb", "Parquet export peak RSS, MB", "recorded", null],
  ["token_count_per_s", "token job, samples counted/s", "recorded", null],
  ["token_count_1m_s", "token job, time for 1M samples at that rate, s", "recorded", null],
  ["tokenizer_tokens_per_s", "Qwen2.5 tokenizer alone, tokens/s", "recorded", null],
];

/** The figure with ✓ or ✗ against its goal, judged at every size: the 100k run must meet the 1M goals too. */
function cell(run: BenchResult, key: keyof BenchResult, goal: Goal | null): string {
  const value = run[key];
  if (typeof value !== "number") return "—";
  if (!goal) return String(value);
  const met = (goal.atLeast === undefined || value >= goal.atLeast) && (goal.atMost === undefined || value <= goal.atMost);
  return `${value} ${met ? "✓" : "✗"}`;
}

/** What each figure is spent on, from CPU profiles of these runs: where to look before the next change. */
const LIMITS = [
  "## What limits each figure",
  "",
  "- **Import** is bound by Node's CPU: per line `JSON.parse`, the zod schema, the canonical-JSON SHA-256 content",
  "  hash and two bucket hashes, then the COPY text; PostgreSQL (COPY into `samples` with its four indexes,",
  "  the queue insert) uses about two thirds as much. One batch is written while the next is validated. The ceiling",
  "  copies into a temporary table (no WAL, one index) without any of that, hence the ratio. Earlier costs",
  "  now gone: a foreign-key check per judge verdict (verdicts live in `samples.judges`), `INSERT … unnest`,",
  "  a queue sync that rescanned the growing queue per batch, and young-generation garbage collection (the",
  "  CLI runs with `--max-semi-space-size=64`).",
  "- **Parquet import** goes through the same path after `hyparquet` decodes a row group (about a fifth of its",
  "  time). It outruns the JSONL figure because the upstream layout carries no judges: no analyses to validate,",
  "  hash and copy. The match key for evaluation imports is left to `prelabel import`: computing it here (NFC,",
  "  white space, SHA-256 of every trace) cost the JSONL import a seventh of its rate.",
  "- **Claim**: each claim is one prepared statement (renew the expert's own lease, else lock the queue head",
  "  with `SKIP LOCKED`, upsert the lease, select the sample's detail), about 0.5 ms of PostgreSQL and 0.3 ms",
  "  of Node. With 32 claims at the same instant on two cores the last waits for the other 31, so the p95 is",
  "  close to the time to serve the whole burst. Planning (2–4 ms for this statement) is paid once per",
  "  connection, thanks to the generic plan. The first burst after a fresh start is slower (new connections).",
  "- **Sample API**: 2.5–3 ms of server CPU per request, most of it in Next.js's route handling; the query is a",
  "  prepared statement of well under a millisecond. 8 requests in flight share two cores with the client.",
  "- **Statistics** group the stored vote patterns (`samples.votes`) in one parallel scan; they do not join",
  "  the verdicts.",
  "- **Export** is bound by Node's CPU building the rows: every TRL row carries the guard prompt with the",
  "  rubric (about 4.6 KB a row; the ceiling's `row_to_json` has no prompt). Deflate (level 1, on",
  "  the thread pool) and zlib's CRC-32 overlap with it; the train file streams straight into the zip.",
  "  The peak RSS is mostly Node, its modules and the cursor's batches (about 100 MB with a one-row export).",
];

/** A size's run is kept per Node major (`100000-node24`), so the runtimes' figures stand side by side. */
const BENCH_RUN_KEY = /^\d+-node\d+$/;
const nodeMajor = (machine: Machine) => Number(/^v?(\d+)/.exec(machine.node)?.[1] ?? 0);

/** Where `npm run bench -- --samples N` keeps its run in docs/benchmarks.json. */
export function benchRunKey(result: BenchResult): string {
  return `${result.samples}-node${nodeMajor(result.machine)}`;
}

const machineLine = (machine: Machine) => `${machine.cores} cores, ${machine.memoryGb} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}`;

function guardSection(run: GuardRun | undefined): string[] {
  if (!run) return [];
  const mark = (met: boolean) => (met ? "✓" : "✗");
  const clean = run.lost === 0 && run.labelled_twice === 0 && run.requested_twice === 0;
  return [
    "## Guard orchestration",
    "",
    "Regenerate with `DATABASE_URL=postgresql://…/scratch npm run bench -- --guard-server --write-doc`. The pre-label worker",
    `(\`gts worker\` in its own process, \`openai\` backend, batches of ${run.batch_size}, ${run.in_flight} requests in flight) labels ${run.samples.toLocaleString("en")} text-only`,
    `samples against our OpenAI-compatible test server, which answers every request after ${run.latency_ms} ms with a reply in the`,
    "layout of the released GuardTrace-VL-3B (typographic quotes, the level bare or in brackets). Throughput counts from the",
    "first request the server received to the last pre-label committed; the goal is what an engine kept busy would give,",
    "0.9 × requests in flight ÷ latency.",
    "",
    `| measure | goal | ${run.samples.toLocaleString("en")} samples (${run.date}) |`,
    "| --- | --- | ---: |",
    `| pre-labels written per second | ≥ ${run.goal_per_s} | ${run.samples_per_s} ${mark(run.samples_per_s >= run.goal_per_s)} |`,
    `| most requests in flight at the server | ${run.in_flight} | ${run.max_in_flight_seen} ${mark(run.max_in_flight_seen === run.in_flight)} |`,
    `| samples lost / labelled twice / asked twice | 0 | ${run.lost} / ${run.labelled_twice} / ${run.requested_twice} ${mark(clean)} |`,
    "",
    `Machine: ${machineLine(run.machine)}.`,
    "",
    "What limits it: the engine's latency, by design. The worker runs two pollers by default for this backend, so one",
    "batch is written and the next fetched while the other's requests are in flight; one limit of 32 requests spans both",
    "batches. The ceiling is 32 ÷ 0.5 s = 64 per second; what is missing from it is the start (the first batch fetched",
    "after the worker polls) and the last round, which is not full. With one poller (`GTS_WORKER_CONCURRENCY=1`) the same",
    "run gave 57.7 per second on 2026-12-01: each batch's write and the next fetch left the engine idle. Before guard",
    "profiles the backend kept 8 requests in flight by default and a batch waited for its slowest reply, so at most",
    "16 per second at this latency, and one refused reply sent the whole batch back to be asked again.",
    "",
  ];
}

function exportLoadSection(run: ExportLoadRun | undefined): string[] {
  if (!run) return [];
  const goal = Number((run.idle_p95_ms * 1.2).toFixed(1));
  const mark = (value: number) => (run.overlapped && value <= goal ? "✓" : "✗");
  return [
    "## Claims while an export runs",
    "",
    "Regenerate with `DATABASE_URL=postgresql://…/scratch npm run bench -- --export-load --samples 1000000 --write-doc`.",
    `On ${run.samples.toLocaleString("en")} imported samples, the claim rounds of the table above (32 experts at once, 30 timed`,
    "rounds) run after one discarded warm-up round: with nothing else running; while an export of every kind (TRL layout)",
    "runs in the claims' own process, as exports ran in the web process before they moved to the worker; while `gts worker",
    "--queues export` runs the same export, queued as the Export page queues it; and idle once more. The loaded rounds start",
    "once the export writes rows, and count only if it is still writing when they end. The idle figure is the lower of the",
    "two idle rounds, and the goal is that figure plus 20%.",
    "",
    `| measure | goal | ${run.samples.toLocaleString("en")} samples (${run.date}) |`,
    "| --- | --- | ---: |",
    `| claim p95, idle, ms (before / after the loaded rounds) | recorded | ${run.idle_p95_ms} (${run.idle_before_p95_ms ?? "–"} / ${run.idle_after_p95_ms ?? "–"}) |`,
    `| claim p95, export in the web process (before), ms | ≤ ${goal} | ${run.export_in_web_p95_ms} ${mark(run.export_in_web_p95_ms)} |`,
    `| claim p95, export in the worker (now), ms | ≤ ${goal} | ${run.export_in_worker_p95_ms} ${mark(run.export_in_worker_p95_ms)} |`,
    `| the export outlasted both loaded measurements | yes | ${run.overlapped ? "yes ✓" : "no ✗"} |`,
    `| double claims | 0 | ${run.double_claims} ${run.double_claims === 0 ? "✓" : "✗"} |`,
    "",
    `Machine: ${machineLine(run.machine)}.`,
    "",
    "What it shows: in one process the export's row building and the claims share one event loop, so a claim waits",
    "behind whole batches of rows; that is what moving exports to the worker removed. The worker runs at a lower CPU",
    "priority (`GTS_WORKER_NICE`, 19 by default), so its threads give way to the claims. At nice 10 the same run on",
    "2026-12-03 gave 47.3 ms against 37.8 idle (+25%), and an earlier one 32.2 ms against a cold first idle round of 72.7,",
    "which is why a warm-up round is now discarded. What the priority cannot lower: the export's PostgreSQL backend,",
    "which streams a million rows at the normal priority (PostgreSQL has no per-session CPU priority; it is paced only by",
    "the niced process reading its rows), and the kernel writing the zip back to disk, both on the same two cores. The same run before the",
    "queue's dataset-ordered scan (a claim filtered by dataset walked the whole queue's index past an older",
    "dataset's 87,000 waiting items) gave 350.5 ms idle.",    "",
  ];
}

function workspaceLatencySection(run: WorkspaceLatencyRun | undefined): string[] {
  if (!run) return [];
  const mark = (met: boolean) => (met ? "✓" : "✗");
  return [
    "## The workspace, as an expert feels it",
    "",
    "Regenerate with `npm run bench -- --workspace-latency --write-doc` (it runs the e2e suite's timing harness,",
    "`tests/e2e/workspace-latency.spec.ts`, at full size, on a database of its own). In Chromium, an expert decides with the key 1",
    `${run.decisions} times, a second after each sample is ready to decide, while ${run.claimers} other experts claim and decide through the API, each`,
    "deciding a second after its claim; each decision is timed",
    "from the keydown to the second animation frame after the next sample's id appears, the first frame that starts after the",
    "new sample went to the screen. The workspace claims the next sample ahead while the expert reads ([adjudication.md](adjudication.md)).",
    "",
    `| measure | goal | ${run.date} |`,
    "| --- | --- | ---: |",
    `| decision key → next sample painted, p95, ms | ≤ 100 | ${run.p95Ms} ${mark(run.p95Ms <= 100)} |`,
    `| the same, p50 / max, ms | recorded | ${run.p50Ms} / ${run.maxMs} |`,
    `| decision key → next sample in the page (rendered, before its frame), p95, ms | recorded | ${run.renderedP95Ms} |`,
    `| decisions that waited for a claim (no claim-ahead in hand) | 0 | ${run.claimRoundTrips} ${mark(run.claimRoundTrips === 0)} |`,
    `| decisions by the ${run.claimers} API experts meanwhile | recorded | ${run.apiDecisions.toLocaleString("en")} |`,
    // The browser reports only tasks of 50 ms or more (the Long Tasks API): 0 means none that long.
    `| a 1 MiB thinking (${run.longTraceSteps.toLocaleString("en")} steps) opened and scrolled to its end: longest task, ms | ≤ 200 | ${run.longTraceLongestTaskMs || "none ≥ 50"} ${mark(run.longTraceLongestTaskMs <= 200)} |`,
    "",
    "The long trace's steps are windowed: only those near the viewport are in the page ([adjudication.md](adjudication.md)).",
    "",
    "\"Rendered\" is the page's own work after the key: React renders the claim-ahead and commits it. The rest of \"painted\"",
    "is the wait for the browser's next frames (up to two at 60 Hz, about 33 ms), which no page work shortens. A decision",
    "that finds no claim-ahead in hand waits for a claim's round trip to the server as well, under the load of the API experts.",
    "The browser shares this machine's two cores with the web server, PostgreSQL, the worker and the API clients; an",
    "expert's browser runs on a machine of its own.",
    "",
    `Machine: ${machineLine(run.machine)}.`,
    "",
  ];
}

function qualityClaimsSection(run: QualityClaimsRun | undefined): string[] {
  if (!run) return [];
  const mark = (met: boolean) => (met ? "✓" : "✗");
  return [
    "## Claims with gold samples and assignments in play",
    "",
    "Regenerate with `DATABASE_URL=postgresql://…/scratch npm run bench -- --quality-claims --samples 1000000 --write-doc`.",
    `On ${run.samples.toLocaleString("en")} imported samples, the claim rounds of the table above (32 experts at once, 30 timed rounds,`,
    "after a discarded warm-up run) are timed once plain and once with the quality control in play",
    `([quality-control.md](quality-control.md)): ${run.setup.gold_items.toLocaleString("en")} gold samples at a gold rate of ${run.setup.gold_rate * 100}%, the first`,
    `${run.setup.hidden_at_head} items of the queue assigned to an expert who never claims (so every claim walks past samples hidden`,
    `from it), and ${run.setup.assigned_per_expert} items from anywhere in the queue assigned to each claimer (their first rounds are served by`,
    "assignment, the later ones by the queue).",
    "",
    `| measure | goal | ${run.samples.toLocaleString("en")} samples (${run.date}) |`,
    "| --- | --- | ---: |",
    `| claim p95, plain, ms | ≤ 25 | ${run.plain_p95_ms} ${mark(run.plain_p95_ms <= 25)} |`,
    `| claim p95, gold and assignments in play, ms | ≤ 25 | ${run.quality_p95_ms} ${mark(run.quality_p95_ms <= 25)} |`,
    `| timed claims served gold / by assignment / in all | recorded | ${run.gold_served} / ${run.assigned_served} / ${run.claims} |`,
    `| double claims (a gold sample held by several is not one) | 0 | ${run.double_claims} ${mark(run.double_claims === 0)} |`,
    "",
    `Machine: ${machineLine(run.machine)}.`,
    "",
    "Each run decides about a thousand samples, so the dead queue rows they leave are vacuumed before the next run, as",
    "autovacuum would: without it, the later run walks past the earlier's dead rows at the head of the queue. The first",
    "runs on 2026-12-03 had no such step and gave 34.4 ms (with the assignments in a table of their own, one lookup per",
    "queue row) and then 29.9 ms with quality control, against 22.1 and 23.8 ms plain.",
    "",
    "What it costs: the claim stays one statement; the quality control adds the look at the claimer's assigned items (a",
    "range of a partial index on `queue_items`), a filter on each queue row examined for items assigned to someone else",
    "(columns of the row itself, so the 500 hidden rows at the head cost a heap visit each and no lookup), the expert's",
    "standing on every dataset (restricted, paused, awaiting calibration) read once as a materialised CTE, and on the",
    "claims that become gold a walk over the dataset's gold samples from a random point in id order. One claim alone, on",
    "100,000 samples: 1.0 ms against 0.8 ms for the statement before quality control, of which PostgreSQL's execution is",
    "0.27 ms against 0.15 ms, mostly the executor starting the larger plan (two more tables written). The closed datasets are a `NOT IN` subplan on purpose: written as",
    "`<> ALL (ARRAY(…))` the planner estimated that they removed every row of a one-dataset queue and sorted the whole",
    "queue instead of walking its index (300 ms a claim at 100,000 samples).",
    "",
  ];
}

/** docs/benchmarks.md from the recorded runs: `npm run bench -- --samples N --write-doc` regenerates it. */
export function renderBenchmarkDoc(record: BenchRecord): string {
  const runs = Object.entries(record)
    .filter((entry): entry is [string, BenchResult] => BENCH_RUN_KEY.test(entry[0]) && entry[1] !== undefined)
    .map(([, run]) => run)
    .sort((a, b) => a.samples - b.samples || nodeMajor(a.machine) - nodeMajor(b.machine));
  const header = `| measure | goal | ${runs.map((run) => `${run.samples.toLocaleString("en")} samples (${run.date}, Node ${nodeMajor(run.machine)})`).join(" | ")} |`;
  const rule = `| --- | --- | ${runs.map(() => "---:").join(" | ")} |`;
  const rows = ROWS.map(([key, label, goalText, goal]) => `| ${label} | ${goalText} | ${runs.map((run) => cell(run, key, goal)).join(" | ")} |`);
  const machines = runs.map((run) => `- ${run.samples.toLocaleString("en")}, Node ${nodeMajor(run.machine)}: ${machineLine(run.machine)}`);
  const largest = runs.at(-1);
  const plans = largest
    ? Object.entries(largest.plans).map(([name, plan]) => `### ${name} (${largest.samples.toLocaleString("en")} samples)\n\n\`\`\`\n${plan}\n\`\`\``)
    : [];
  return [
    "# Benchmarks",
    "",
    "Regenerate with `DATABASE_URL=postgresql://…/scratch npm run bench -- --samples 100000 --write-doc` (and `--samples 1000000`).",
    "Synthetic samples: about 2 KB of thinking and three analyses of about 400 characters each, text only,",
    "imported through the real import path, then `VACUUM ANALYZE` (what autovacuum would do next), `CHECKPOINT` and",
    "`sync` (so the import's write-back does not overlap the timings). Claims, in",
    "their own process: 30 rounds, after 3 warm-up rounds, in which 32 experts ask for their next sample at the",
    "same instant (all meet the same head of the queue) through the server's pool of 10 connections, each claim",
    "timed; then each decides, untimed. The",
    "sample API is measured against the production web server (`gts serve`'s) with a Bearer token, 8 requests in flight. The export (all",
    "kinds, TRL layout, to a zip on disk) runs in its own process. The COPY ceilings: the same lines' columns",
    "copied into a temporary table with only a key (no validation, no hashing, no other index, no WAL), and",
    "`COPY (SELECT row_to_json(…)) TO STDOUT` of the same samples. ✓ and ✗ judge each figure against its goal",
    "whatever the size, so the 100k run is held to the 1M goals too.",
    "",
    header,
    rule,
    ...rows,
    "",
    "Machines:",
    "",
    ...machines,
    "",
    ...LIMITS,
    "",
    ...guardSection(record.guard),
    ...exportLoadSection(record.exportLoad),
    ...qualityClaimsSection(record.qualityClaims),
    ...workspaceLatencySection(record.workspaceLatency),
    "## Plans",
    "",
    ...plans,
    "",
  ].join("\n");
}
