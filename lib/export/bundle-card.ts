import { stringify } from "yaml";
import type { DatasetStats } from "../stats/stats-types";
import type { ExportOptions } from "./export-options";
import type { Manifest } from "./write-bundle";

const SIZE_CATEGORIES: [number, string][] = [
  [1_000, "n<1K"],
  [10_000, "1K<n<10K"],
  [100_000, "10K<n<100K"],
  [1_000_000, "100K<n<1M"],
  [10_000_000, "1M<n<10M"],
];

const figure = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? "n/a" : value.toFixed(digits));

/** `sft/train-image.jsonl` → config `sft-image`, split `train`. */
function configOf(file: string): { config: string; split: string } {
  const [folder, base] = file.includes("/") ? (file.split("/") as [string, string]) : [null, file];
  const [stem, modality] = base.replace(/\.(jsonl|parquet)$/, "").split("-") as [string, string | undefined];
  return { config: [folder ?? "default", modality].filter(Boolean).join("-"), split: stem === "data" ? "train" : stem };
}

/**
 * The bundle's README.md as a Hugging Face dataset card: YAML front matter (`configs` with the data files
 * per split, task and size categories, a licence to fill in) and a body that documents the data for an
 * audit (the annotation process and the agreement figures at export time, the counts, the guard profile)
 * with loading code to copy.
 */
export function bundleCard(options: ExportOptions, manifest: Manifest, stats: DatasetStats, cutoffLen: number): string {
  // SFT, DPO, OGDPO, and train before test: the order a reader trains in.
  const order = (file: string) => `${["sft", "dpo", "ogdpo"].findIndex((kind) => file.startsWith(`${kind}/`))}:${file.includes("test") ? 1 : 0}:${file}`;
  const files = Object.keys(manifest.files).sort((a, b) => order(a).localeCompare(order(b)));
  const configs = new Map<string, { split: string; path: string }[]>();
  for (const file of files) {
    const { config, split } = configOf(file);
    configs.set(config, [...(configs.get(config) ?? []), { split, path: file }]);
  }
  const rows = Object.values(manifest.counts).reduce((sum, summary) => sum + (summary?.rows ?? 0), 0);
  const front = {
    configs: [...configs.entries()].map(([config_name, data_files]) => ({ config_name, data_files })),
    task_categories: ["image-text-to-text"],
    tags: ["safety", "guard-model", "reasoning-trace", "guardtrace"],
    size_categories: [SIZE_CATEGORIES.find(([limit]) => rows < limit)?.[1] ?? "n>10M"],
    license: "other",
    license_name: "<SET_THE_LICENCE_OF_YOUR_DATA>",
  };
  const judges = stats.judges.per_judge.map((judge) => `\`${judge.judge}\` (${judge.n} samples, odd one out of ${judge.minority_count} splits)`).join(", ");
  const alpha = stats.judges.krippendorff_alpha;
  const lines = [
    "---",
    stringify(front).trimEnd(),
    "---",
    "",
    `# GuardTrace Studio export: ${options.kind}, ${options.format === "trl" ? "TRL" : "LLaMA-Factory"}, ${options.fileFormat}`,
    "",
    `Training data for a reasoning-trace guard, exported on ${manifest.createdAt} by GuardTrace Studio ${manifest.appVersion}${options.dataset ? ` from the dataset \`${options.dataset}\`` : ""}.`,
    "Each row's prompt is the guard's input (a system prompt, the image when there is one, and the question, thinking and answer);",
    "its completion the guard's verdict, an analysis and a risk level (0 safe, 0.5 potentially harmful, 1 harmful).",
    "Each row's `meta` column says where it came from: the sample, its judges' votes, the source of each side, the expert decision and the risk span.",
    "",
    "## Annotation process",
    "",
    `Every sample was labelled by AI judges: ${judges || "none"}. Unanimous samples give SFT rows; 2:1 splits DPO pairs (majority chosen, minority rejected);`,
    "experts adjudicated the splits, the samples without a majority and an audit share of the unanimous ones, and their decisions give OGDPO pairs",
    "(the expert-backed verdict chosen, the overturned majority, the other dissenting judges and a disagreeing guard pre-label rejected).",
    "",
    "Agreement at export time:",
    "",
    "| figure | value |",
    "| --- | ---: |",
    `| samples | ${stats.samples} |`,
    `| unanimous / 2:1 / no majority | ${stats.routing.unanimous} / ${stats.routing.majority} / ${stats.routing.no_majority} |`,
    `| Krippendorff's α (ordinal / nominal) | ${figure(alpha.ordinal)} / ${figure(alpha.nominal)} |`,
    `| Fleiss' κ | ${figure(stats.judges.fleiss_kappa)} |`,
    `| expert decisions (overturning the majority) | ${stats.experts.adjudicated} (${stats.experts.overturned_majority}) |`,
    `| double-adjudicated, expert–expert κ | ${stats.experts.double_adjudicated}, ${figure(stats.experts.expert_kappa)} |`,
    `| guard pre-label ${stats.prelabel.model ? `\`${stats.prelabel.model}\` ${stats.prelabel.version}` : "(none)"}: F1 vs experts / vs consensus | ${figure(stats.prelabel.f1_vs_expert)} / ${figure(stats.prelabel.f1_vs_consensus)} |`,
    "",
    "## Contents",
    "",
    "| file | rows |",
    "| --- | ---: |",
    ...files.map((file) => `| \`${file}\` | ${manifest.files[file]!.rows} |`),
    "",
    "| kind | rows | by label (0 / 0.5 / 1) | by route |",
    "| --- | ---: | --- | --- |",
    ...Object.entries(manifest.counts).map(
      ([kind, summary]) =>
        `| ${kind} | ${summary!.rows} | ${["0", "0.5", "1"].map((label) => summary!.byLabel[label] ?? 0).join(" / ")} | ${Object.entries(summary!.byRoute).map(([route, count]) => `${route} ${count}`).join(", ")} |`,
    ),
    "",
    `Guard profile: \`${manifest.guardProfile.name}\`, system prompt SHA-256 \`${manifest.guardProfile.systemPromptSha256}\`; every prompt and completion follows it.`,
    ...(manifest.placeholdersDefused !== undefined ? [`Texts quoting \`<image>\`, \`<video>\` or \`<audio>\` and defused with a zero-width space: ${manifest.placeholdersDefused}.`] : []),
    "The filters, the counts per split and each file's SHA-256 are in `manifest.json`.",
    "",
    "## Loading",
    "",
    ...(options.format === "trl" ? trlLoading(options, configs, cutoffLen) : llamafactoryLoading(cutoffLen)),
    "",
  ];
  return `${lines.join("\n")}\n`;
}

function trlLoading(options: ExportOptions, configs: Map<string, { split: string; path: string }[]>, cutoffLen: number): string[] {
  const [config, files] = [...configs.entries()][0] ?? ["default", []];
  const dataFiles = `{${files.map((file) => `"${file.split}": "${file.path}"`).join(", ")}}`;
  const kind = config.split("-")[0] === "default" ? options.kind : config.split("-")[0];
  const trainer = kind === "sft" ? "SFT" : "DPO";
  return [
    "With TRL, from this folder (image paths are relative to it):",
    "",
    "```python",
    "from datasets import load_dataset",
    ...(options.fileFormat === "parquet"
      ? [`dataset = load_dataset("parquet", data_files=${dataFiles})  # images are embedded: PIL images, no cast`]
      : [
          "from datasets import Image, Sequence  # datasets >= 4 also offers List(Image())",
          `dataset = load_dataset("json", data_files=${dataFiles})`,
          'dataset = dataset.cast_column("images", Sequence(Image()))',
        ]),
    `from trl import ${trainer}Config, ${trainer}Trainer`,
    `config = ${trainer}Config(output_dir="<OUTPUT_DIR>", max_length=${cutoffLen}${kind === "sft" ? ", completion_only_loss=True" : ""})`,
    `trainer = ${trainer}Trainer(model="<BASE_MODEL>", args=config, train_dataset=dataset["train"]${files.some((file) => file.split === "test") ? ', eval_dataset=dataset["test"]' : ""})`,
    "trainer.train()",
    "```",
    "",
    `\`max_length\` is ${cutoffLen} tokens, from the measured lengths in \`manifest.json\` (Qwen2.5 tokens, the image included): the longest row, or the export's`,
    "`--max-length` when rows are longer or not counted yet. TRL's default of 1,024 would cut most traces.",
    "Other configs of this bundle load the same way with their own `data_files` (see the front matter).",
  ];
}

function llamafactoryLoading(cutoffLen: number): string[] {
  return [
    "With LLaMA-Factory: this folder is a `dataset_dir` (its `dataset_info.json` registers every data file), and",
    "`sft.yaml`, `dpo.yaml` and `ogdpo.yaml` (in an `all` bundle) chain the three stages. In your own config:",
    "",
    "```yaml",
    "dataset_dir: <THIS_BUNDLE_DIR>",
    "dataset: guardtrace_sft  # a name from dataset_info.json",
    "template: qwen2_vl",
    `cutoff_len: ${cutoffLen}`,
    "```",
    "",
    "then `llamafactory-cli train sft.yaml`, `dpo.yaml`, `ogdpo.yaml` in that order, replacing every `<…>` first.",
  ];
}
