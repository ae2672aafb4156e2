import { stringify } from "yaml";

/** What only the user knows is written as a marked placeholder: every `<…>` must be replaced before training. */
export const PLACEHOLDER_BASE_MODEL = "<BASE_MODEL: e.g. Qwen/Qwen2.5-VL-3B-Instruct, or a GuardTrace-VL-3B checkpoint>";
export const PLACEHOLDER_OUTPUT_ROOT = "<OUTPUT_ROOT>";
export const PLACEHOLDER_BUNDLE_DIR = "<THIS_BUNDLE_DIR>";

const STAGES = [
  { file: "sft.yaml", kind: "sft", stage: "sft", from: null },
  { file: "dpo.yaml", kind: "dpo", stage: "dpo", from: "sft" },
  { file: "ogdpo.yaml", kind: "ogdpo", stage: "dpo", from: "dpo" },
] as const;

/**
 * LLaMA-Factory configs for the GuardTrace recipe's three stages, chained: SFT from the base model, DPO
 * from the SFT output, OGDPO (a DPO stage on the expert-grounded pairs) from the DPO output. Full
 * fine-tuning, so that each stage starts from the previous one's saved model. The keys are those of
 * LLaMA-Factory's own example configs (`examples/train_lora/*_dpo.yaml`, the Qwen2.5-VL SFT examples);
 * `template: qwen2_vl` is the template Qwen2.5-VL models (GuardTrace-VL-3B's base) use there.
 */
export function stageConfigs(datasets: Record<"sft" | "dpo" | "ogdpo", { train: string[]; test: string[] }>, cutoffLen: number): { file: string; text: string }[] {
  return STAGES.map(({ file, kind, stage, from }) => {
    const config = {
      model_name_or_path: from ? `${PLACEHOLDER_OUTPUT_ROOT}/${from}` : PLACEHOLDER_BASE_MODEL,
      trust_remote_code: true,
      stage,
      do_train: true,
      finetuning_type: "full",
      ...(stage === "dpo" ? { pref_beta: 0.1, pref_loss: "sigmoid" } : {}),
      dataset_dir: PLACEHOLDER_BUNDLE_DIR,
      dataset: datasets[kind].train.join(","),
      ...(datasets[kind].test.length > 0 ? { eval_dataset: datasets[kind].test.join(",") } : {}),
      template: "qwen2_vl",
      cutoff_len: cutoffLen,
      preprocessing_num_workers: 16,
      output_dir: `${PLACEHOLDER_OUTPUT_ROOT}/${kind}`,
      logging_steps: 10,
      save_steps: 500,
      plot_loss: true,
      overwrite_output_dir: true,
      report_to: "none",
      per_device_train_batch_size: 1,
      gradient_accumulation_steps: 8,
      learning_rate: stage === "sft" ? 1.0e-5 : 5.0e-6,
      num_train_epochs: stage === "sft" ? 2.0 : 1.0,
      lr_scheduler_type: "cosine",
      warmup_ratio: 0.1,
      bf16: true,
    };
    const header = `# GuardTrace ${kind.toUpperCase()} stage${from ? `, starting from the ${from.toUpperCase()} stage's output` : ""}.\n# Replace every <…> placeholder, then run: llamafactory-cli train ${file}\n`;
    return { file, text: header + stringify(config) };
  });
}
