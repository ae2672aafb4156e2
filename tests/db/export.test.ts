import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { executeExport } from "@/lib/export/export-job";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { parse as parseYaml } from "yaml";
import { recordGuardProfile } from "@/lib/guard/record-guard-profile";
import { countPendingTokens } from "@/lib/tokens/count-pending";
import { countTokens } from "@/lib/tokens/qwen-tokenizer";
import { imageTokens } from "@/lib/tokens/image-tokens";
import { CHAT_TEMPLATE_TOKENS } from "@/lib/export/row-length";
import { exportOptionsSchema, type ExportOptions } from "@/lib/export/export-options";
import type { Manifest } from "@/lib/export/write-bundle";
import { parseGuardOutput } from "@/lib/guard/guard-output-parser";
import { DEFAULT_GUARD_PROFILE, renderCompletion } from "@/lib/guard/guard-profile";
import { createExport, recordRunningExport } from "@/lib/services/exports/create-export";
import { exportFile, getExport } from "@/lib/services/exports/get-export";
import { previewExport } from "@/lib/services/exports/preview-export";
import { runQueuedExport } from "@/lib/services/exports/run-queued-export";
import { importSamples } from "@/lib/services/import/import-samples";
import { addUser } from "@/lib/services/users/add-user";
import { sampleLine, tempDir, writeJsonl, writePng } from "../support/fixtures";
import { readZip } from "../support/read-zip";
import { runCli } from "../support/run-cli";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { runExportWorker } from "@/workers/export-worker";
import { llamafactoryPreferenceRow, llamafactorySftRow, placeholdersMatch, trlPreferenceRow, trlSftMessagesRow, trlSftRow } from "../support/training-row-schemas";

let database: TestDatabase;
let expertId: string;
const J = ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"];
const judges = (...votes: number[]) => votes.map((judgment, index) => ({ name: J[index]!, analysis: `${J[index]} reads it as ${judgment}.`, judgment }));

async function decide(externalId: string, decision: { supports?: string; judgment: number; analysis?: string }) {
  await pool().query(
    `INSERT INTO adjudications (sample_id, expert_id, kind, supported_judge, judgment, analysis)
     SELECT id, $2, $3, $4, $5, $6 FROM samples WHERE external_id = $1`,
    [externalId, expertId, decision.supports ? "supports_judge" : "correction", decision.supports ?? null, String(decision.judgment), decision.analysis ?? null],
  );
}

async function bundle(options: Partial<ExportOptions> & Pick<ExportOptions, "kind" | "format">) {
  // Through the schema, as every caller goes: its defaults fill what a test leaves out.
  const record = await recordRunningExport(CLI_ACTOR, exportOptionsSchema.parse({ dataset: "export", ...options }));
  const file = path.join(await tempDir(), "bundle.zip");
  await executeExport(record.id, file);
  const entries = await readZip(file);
  const manifest = JSON.parse(entries.get("manifest.json")!.toString()) as Manifest;
  const rows = (name: string) => entries.get(name)!.toString().trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
  return { entries, manifest, rows, file };
}

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.GTS_IMAGE_DIR = await tempDir("gts-images-");
  process.env.GTS_DATA_DIR = await tempDir("gts-data-");
  expertId = (await addUser(CLI_ACTOR, { email: "expert@example.org", role: "expert", password: "a long password" })).id;
  const dir = await tempDir();
  await writePng(path.join(dir, "a.png"), "#aa0000");
  await writePng(path.join(dir, "b.png"), "#00aa00");
  const lines = [
    sampleLine("u1", { judges: judges(0, 0, 0) }),
    sampleLine("u2", {
      judges: judges(1, 1, 1),
      image: "a.png",
      image_condition: "jailbreak",
      attack: "figstep",
      question: "Has <image> in the text?",
      thinking: "It quotes <video> and then <audio>, <audio> again.\n\nStep two.",
    }),
    sampleLine("u3", { judges: judges(0.5, 0.5, 0.5), image: "a.png", image_condition: "aligned" }),
    sampleLine("m1", { judges: judges(0, 0, 1) }),
    sampleLine("m2", { judges: judges(1, 0.5, 1), image: "b.png", image_condition: "aligned" }),
    sampleLine("n1", { judges: judges(0, 0.5, 1), prelabel: { model: "guard", analysis: "guard says safe", judgment: 0 } }),
    sampleLine("m3", { judges: judges(0, 0, 1) }),
    sampleLine("m4", { judges: judges(0, 0, 1) }),
  ];
  await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "export.jsonl", lines), dataset: "export" });
  await decide("n1", { judgment: 1, analysis: "The expert sees step 3 as actionable." });
  await decide("m3", { supports: "qwen3-vl-235b", judgment: 1 });
  await decide("m4", { supports: "gpt-5", judgment: 0 });
  // What the worker does in the background: the profile is recorded by the first export, its counts follow.
  await recordGuardProfile(pool(), DEFAULT_GUARD_PROFILE);
  await countPendingTokens();
});
afterAll(async () => database.drop());

describe("export bundles", () => {
  it("SFT in TRL layout: unanimous samples with their verdict, each image once, hashes in the manifest", async () => {
    const { entries, manifest, rows } = await bundle({ kind: "sft", format: "trl" });
    const data = rows("data.jsonl");
    expect(data).toHaveLength(3);
    for (const row of data) expect(trlSftRow.safeParse(row).success).toBe(true);
    // Prompt/completion, so that TRL's completion-only loss trains on the verdict alone.
    const completions = data.map((row) => parseGuardOutput(row.completion[0].content[0].text));
    expect(completions.map((verdict) => verdict.judgment).sort()).toEqual([0, 0.5, 1]);
    expect(completions[0]).toEqual({ analysis: "gpt-5 reads it as 0.", judgment: 0 });
    expect(data[0].prompt[1].content[0]).toEqual({ type: "text", text: expect.stringMatching(/^Current Task Query: .*\nCurrent Task Thinking: .*\n\nStep two\.\nCurrent Task Cleaned Response: /s) });
    expect(data[1].prompt[1].content[0]).toEqual({ type: "image" });
    expect(data[0].meta).toEqual({
      sample: "u1",
      dataset: "export",
      source: "S-Eval",
      route: "unanimous",
      votes: [{ judge: "gpt-5", judgment: 0 }, { judge: "gemini-2.5-pro", judgment: 0 }, { judge: "qwen3-vl-235b", judgment: 0 }],
      chosen_from: "judges",
      rejected_from: null,
      adjudication: null,
      span: null,
    });
    const messages = (await bundle({ kind: "sft", format: "trl", sftStyle: "messages" })).rows("data.jsonl");
    for (const row of messages) expect(trlSftMessagesRow.safeParse(row).success).toBe(true);
    expect(messages[0].messages[2]).toEqual(data[0].completion[0]);
    const imageNames = [...entries.keys()].filter((name) => name.startsWith("images/"));
    expect(imageNames).toHaveLength(1);
    expect(createHash("sha256").update(entries.get(imageNames[0]!)!).digest("hex")).toBe(path.basename(imageNames[0]!, ".png"));
    expect(manifest.files["data.jsonl"]!.sha256).toBe(createHash("sha256").update(entries.get("data.jsonl")!).digest("hex"));
    expect(manifest.counts.sft).toMatchObject({ rows: 3, byLabel: { "0": 1, "0.5": 1, "1": 1 }, byRoute: { unanimous: 3 } });
    expect(manifest).toMatchObject({ kind: "sft", format: "trl", images: 1, appVersion: expect.any(String), filters: { dataset: "export" } });
    expect(manifest.guardProfile).toEqual({ name: "guardtrace-studio", systemPromptSha256: DEFAULT_GUARD_PROFILE.systemPromptSha256, completionTemplate: '"Analysis": {analysis}\n"Judgment": {judgment}' });
    expect(data.every((row) => row.prompt[0].content[0].text === DEFAULT_GUARD_PROFILE.systemPrompt)).toBe(true);
    expect(entries.has("dataset_info.json")).toBe(false);
  });

  it("DPO in LLaMA-Factory layout: majority chosen, minority rejected, with dataset_info.json", async () => {
    const { entries, rows } = await bundle({ kind: "dpo", format: "llamafactory" });
    const data = rows("data.jsonl");
    expect(data).toHaveLength(4);
    for (const row of data) {
      expect(llamafactoryPreferenceRow.safeParse(row).success).toBe(true);
      expect(placeholdersMatch(row)).toBe(true);
    }
    const m2 = data.find((row) => row.images.length === 1)!;
    expect(m2.conversations[0].value.startsWith("<image>Current Task Query:")).toBe(true);
    expect(parseGuardOutput(m2.chosen.value)).toEqual({ analysis: "gpt-5 reads it as 1.", judgment: 1 });
    expect(parseGuardOutput(m2.rejected.value)).toEqual({ analysis: "gemini-2.5-pro reads it as 0.5.", judgment: 0.5 });
    const info = JSON.parse(entries.get("dataset_info.json")!.toString());
    expect(info).toEqual({
      guardtrace_dpo: expect.objectContaining({ file_name: "data.jsonl", formatting: "sharegpt", ranking: true, columns: expect.objectContaining({ chosen: "chosen", rejected: "rejected", images: "images" }) }),
    });
  });

  it("OGDPO: the expert-backed verdict is chosen; the overturned majority is the first negative; --pairs all adds the rest and the pre-label", async () => {
    const first = (await bundle({ kind: "ogdpo", format: "trl" })).rows("data.jsonl");
    for (const row of first) expect(trlPreferenceRow.safeParse(row).success).toBe(true);
    const byChosen = first.map((row) => [parseGuardOutput(row.chosen[0].content[0].text), parseGuardOutput(row.rejected[0].content[0].text)]);
    expect(byChosen).toEqual([
      [{ analysis: "The expert sees step 3 as actionable.", judgment: 1 }, { analysis: "gpt-5 reads it as 0.", judgment: 0 }],
      [{ analysis: "qwen3-vl-235b reads it as 1.", judgment: 1 }, { analysis: "gpt-5 reads it as 0.", judgment: 0 }],
      [{ analysis: "gpt-5 reads it as 0.", judgment: 0 }, { analysis: "qwen3-vl-235b reads it as 1.", judgment: 1 }],
    ]);
    const all = await bundle({ kind: "ogdpo", format: "llamafactory", pairs: "all" });
    const rejected = all.rows("data.jsonl").map((row) => parseGuardOutput(row.rejected.value).analysis);
    expect(rejected).toEqual([
      "gpt-5 reads it as 0.",
      "gemini-2.5-pro reads it as 0.5.",
      "guard says safe",
      "gpt-5 reads it as 0.",
      "gemini-2.5-pro reads it as 0.",
      "qwen3-vl-235b reads it as 1.",
    ]);
    expect(all.manifest.counts.ogdpo).toMatchObject({ rows: 6, byRoute: { no_majority: 3, majority: 3 } });
    // The preview counts the same pairs before the click, not the samples behind them.
    const preview = async (pairs: "first" | "all") => previewExport(CLI_ACTOR, { kind: "ogdpo", format: "trl", dataset: "export", pairs });
    expect(await preview("first")).toMatchObject({ counts: { ogdpo: 3 }, rows: { ogdpo: first.length } });
    expect(await preview("all")).toMatchObject({ counts: { ogdpo: 3 }, rows: { ogdpo: 6, sft: null, dpo: null } });
  });

  it("exports every kind at once into per-kind folders, and SFT can add expert-decided samples", async () => {
    const { entries, manifest } = await bundle({ kind: "all", format: "llamafactory", includeExpertConfirmed: true });
    expect([...entries.keys()].filter((name) => name.endsWith(".jsonl")).sort()).toEqual(["dpo/data.jsonl", "ogdpo/data.jsonl", "sft/data.jsonl"]);
    expect(manifest.counts.sft!.rows).toBe(6);
    const read = (name: string) => entries.get(name)!.toString().trim().split("\n").map((line) => JSON.parse(line));
    const sft = read("sft/data.jsonl");
    for (const row of sft) {
      expect(llamafactorySftRow.safeParse(row).success).toBe(true);
      expect(placeholdersMatch(row)).toBe(true);
    }
    // The trace quoting <video> and <audio> (and the question quoting <image>) passes LLaMA-Factory's count;
    // only the row's own <image> is left as a placeholder.
    const quoting = sft.find((row) => row.meta.sample === "u2")!;
    expect(quoting.conversations[0].value).toMatch(/^<image>Current Task Query: Has <\u200bimage> in the text\?\nCurrent Task Thinking: It quotes <\u200bvideo> and then <\u200baudio>, <\u200baudio> again\./);
    // One text changed, u2's user turn; the system prompt's "<your analysis>" is no placeholder and stays.
    expect(manifest.placeholdersDefused).toBe(1);
    for (const row of [...read("dpo/data.jsonl"), ...read("ogdpo/data.jsonl")]) {
      expect(llamafactoryPreferenceRow.safeParse(row).success).toBe(true);
      expect(placeholdersMatch(row)).toBe(true);
    }
    // Provenance: an expert siding with a judge, against the majority it overturned.
    const decided = read("ogdpo/data.jsonl").find((row) => row.meta.sample === "m4")!;
    expect(decided.meta).toMatchObject({ route: "majority", chosen_from: "expert:judge:gpt-5", rejected_from: "judge:qwen3-vl-235b", adjudication: { id: expect.any(String), round: "first" }, span: null });
    const dpo = read("dpo/data.jsonl").find((row) => row.meta.sample === "m2")!;
    expect(dpo.meta).toMatchObject({ chosen_from: "judge:gpt-5", rejected_from: "judge:gemini-2.5-pro", adjudication: null });
    const info = JSON.parse(entries.get("dataset_info.json")!.toString());
    expect(Object.keys(info).sort()).toEqual(["guardtrace_dpo", "guardtrace_ogdpo", "guardtrace_sft"]);
  });

  it("writes image and text-only rows to files of their own, each registered, or only one of them", async () => {
    const separate = await bundle({ kind: "all", format: "llamafactory", modality: "separate" });
    const files = [...separate.entries.keys()].filter((name) => name.endsWith(".jsonl")).sort();
    expect(files).toEqual(["dpo/data-image.jsonl", "dpo/data-text.jsonl", "ogdpo/data-text.jsonl", "sft/data-image.jsonl", "sft/data-text.jsonl"]);
    for (const file of files) {
      const rows = separate.rows(file);
      expect(rows.every((row) => row.images.length === (file.includes("-image") ? 1 : 0))).toBe(true);
    }
    const info = JSON.parse(separate.entries.get("dataset_info.json")!.toString());
    expect(Object.fromEntries(Object.entries(info).map(([name, entry]) => [name, (entry as { file_name: string }).file_name]))).toEqual({
      guardtrace_sft_data_image: "sft/data-image.jsonl",
      guardtrace_sft_data_text: "sft/data-text.jsonl",
      guardtrace_dpo_data_image: "dpo/data-image.jsonl",
      guardtrace_dpo_data_text: "dpo/data-text.jsonl",
      guardtrace_ogdpo_data_text: "ogdpo/data-text.jsonl",
    });
    const textOnly = await bundle({ kind: "sft", format: "trl", modality: "text-only" });
    expect(textOnly.rows("data.jsonl").map((row) => row.meta.sample)).toEqual(["u1"]);
    expect(textOnly.manifest.images).toBe(0);
    expect((await previewExport(CLI_ACTOR, { kind: "all", format: "trl", dataset: "export", modality: "image-only" })).counts).toEqual({ sft: 2, dpo: 1, ogdpo: 0 });
  });

  it("writes Parquet bundles that read back to the JSONL rows, with the images embedded and the Hugging Face features", async () => {
    const withoutNulls = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(withoutNulls)
        : value && typeof value === "object" && !(value instanceof Uint8Array)
          ? Object.fromEntries(Object.entries(value).filter(([, member]) => member !== null).map(([key, member]) => [key, withoutNulls(member)]))
          : value;
    for (const format of ["trl", "llamafactory"] as const) {
      const jsonl = await bundle({ kind: "all", format, pairs: "all", includeExpertConfirmed: true });
      const parquet = await bundle({ kind: "all", format, pairs: "all", includeExpertConfirmed: true, fileFormat: "parquet" });
      expect([...parquet.entries.keys()].some((name) => name.startsWith("images/"))).toBe(false);
      for (const kind of ["sft", "dpo", "ogdpo"]) {
        const data = parquet.entries.get(`${kind}/data.parquet`)!;
        expect(parquet.manifest.files[`${kind}/data.parquet`]).toMatchObject({ sha256: createHash("sha256").update(data).digest("hex"), rows: jsonl.rows(`${kind}/data.jsonl`).length });
        const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
        const metadata = parquetMetadata(buffer);
        const features = JSON.parse(metadata.key_value_metadata!.find((entry) => entry.key === "huggingface")!.value!).info.features;
        expect(features.images).toEqual([{ _type: "Image" }]);
        const read = await parquetReadObjects({ file: buffer, utf8: false });
        const expected = jsonl.rows(`${kind}/data.jsonl`);
        // Every kind in every layout matches its trainer's row schema, and LLaMA-Factory's placeholder count holds.
        const schema = format === "trl" ? (kind === "sft" ? trlSftRow : trlPreferenceRow) : kind === "sft" ? llamafactorySftRow : llamafactoryPreferenceRow;
        for (const row of expected) {
          expect(schema.safeParse(row).success).toBe(true);
          if (format === "llamafactory") expect(placeholdersMatch(row)).toBe(true);
        }
        expect(read).toHaveLength(expected.length);
        read.forEach((row, index) => {
          const images = row.images as { bytes: Uint8Array; path: string }[];
          const paths = expected[index].images as string[];
          expect(images.map((item) => item.path)).toEqual(paths.map((entry) => entry.slice("images/".length)));
          images.forEach((item, at) => expect(Buffer.from(item.bytes).equals(jsonl.entries.get(paths[at]!)!)).toBe(true));
          const decoded = JSON.parse(JSON.stringify(withoutNulls({ ...row, images: paths }), (_key, member) => (member instanceof Uint8Array ? Buffer.from(member).toString() : member)));
          expect(decoded).toEqual(withoutNulls(expected[index]));
        });
      }
      if (format === "llamafactory") {
        const info = JSON.parse(parquet.entries.get("dataset_info.json")!.toString());
        expect(info.guardtrace_sft.file_name).toBe("sft/data.parquet");
      }
    }
  });

  it("documents itself in a dataset card whose front matter names its files, and chains LLaMA-Factory's three stages", async () => {
    for (const [format, fileFormat] of [["trl", "jsonl"], ["llamafactory", "parquet"]] as const) {
      const { entries } = await bundle({ kind: "all", format, fileFormat, split: 0.3 });
      const card = entries.get("README.md")!.toString();
      const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(card)!;
      const meta = parseYaml(front!) as { configs: { config_name: string; data_files: { split: string; path: string }[] }[]; size_categories: string[]; license: string };
      expect(meta.configs.map((config) => config.config_name).sort()).toEqual(["dpo", "ogdpo", "sft"]);
      for (const config of meta.configs) for (const file of config.data_files) expect(entries.has(file.path), file.path).toBe(true);
      expect(meta).toMatchObject({ size_categories: ["n<1K"], license: "other" });
      expect(body).toMatch(/Krippendorff's α \(ordinal \/ nominal\) \| -?\d\.\d{3} \/ -?\d\.\d{3}/);
      expect(body).toContain(format === "trl" ? 'cast_column("images", Sequence(Image()))' : "dataset_dir: <THIS_BUNDLE_DIR>");
    }
    const { entries } = await bundle({ kind: "all", format: "llamafactory" });
    const registered = Object.keys(JSON.parse(entries.get("dataset_info.json")!.toString()));
    // The keys LLaMA-Factory's own example configs use (examples/train_lora/*_dpo.yaml, the Qwen2.5-VL SFT examples).
    const known = new Set(["model_name_or_path", "trust_remote_code", "stage", "do_train", "finetuning_type", "pref_beta", "pref_loss", "dataset_dir", "dataset", "eval_dataset", "template", "cutoff_len", "preprocessing_num_workers", "output_dir", "logging_steps", "save_steps", "plot_loss", "overwrite_output_dir", "report_to", "per_device_train_batch_size", "gradient_accumulation_steps", "learning_rate", "num_train_epochs", "lr_scheduler_type", "warmup_ratio", "bf16"]);
    const stages = Object.fromEntries(["sft", "dpo", "ogdpo"].map((stage) => [stage, parseYaml(entries.get(`${stage}.yaml`)!.toString()) as Record<string, unknown>]));
    for (const [stage, config] of Object.entries(stages)) {
      expect(Object.keys(config).filter((key) => !known.has(key)), stage).toEqual([]);
      for (const name of String(config.dataset).split(",")) expect(registered).toContain(name);
      expect(config).toMatchObject({ stage: stage === "sft" ? "sft" : "dpo", template: "qwen2_vl", cutoff_len: JSON.parse(entries.get("manifest.json")!.toString()).cutoffLength });
    }
    expect(stages.dpo!.model_name_or_path).toBe(stages.sft!.output_dir);
    expect(stages.ogdpo!.model_name_or_path).toBe(stages.dpo!.output_dir);
    expect(String(stages.sft!.model_name_or_path)).toMatch(/^<BASE_MODEL/);
    expect((await bundle({ kind: "sft", format: "llamafactory" })).entries.has("sft.yaml")).toBe(false);
  });

  it("measures every row in Qwen2.5 tokens from the stored counts, drops rows over --max-length when asked, and trains with the measured cutoff", async () => {
    const { manifest, rows } = await bundle({ kind: "sft", format: "trl" });
    const lengths = manifest.counts.sft!.lengths;
    expect(lengths).toMatchObject({ counted: 3, uncounted: 0, overMaxLength: 0, dropped: 0 });
    // u2 by hand: the system prompt, its user text and 8×8 image, its first judge's analysis, the template, the chat template.
    const u2 = rows("data.jsonl").find((row) => row.meta.sample === "u2")!;
    // The template is counted once, around an empty analysis and the longest judgment ("0.5").
    const template = countTokens(renderCompletion(DEFAULT_GUARD_PROFILE.completionTemplate, { analysis: "", judgment: 0.5 }));
    const expected = countTokens(DEFAULT_GUARD_PROFILE.systemPrompt) + countTokens(u2.prompt[1].content[1].text) + imageTokens(8, 8) + countTokens("gpt-5 reads it as 1.") + template + CHAT_TEMPLATE_TOKENS;
    expect(lengths.max).toBe(expected);
    expect(lengths.p50! <= lengths.p95! && lengths.p95! <= lengths.max!).toBe(true);
    expect(manifest.cutoffLength).toBe(Math.ceil(lengths.max! / 64) * 64);

    const dropped = await bundle({ kind: "sft", format: "trl", maxLength: lengths.max! - 1, overLength: "drop" });
    expect(dropped.manifest.counts.sft).toMatchObject({ rows: 2, lengths: { dropped: 1, counted: 2 } });
    const kept = await bundle({ kind: "sft", format: "trl", maxLength: lengths.max! - 1 });
    expect(kept.manifest.counts.sft).toMatchObject({ rows: 3, lengths: { overMaxLength: 1 } });
    expect(kept.manifest.cutoffLength).toBe(lengths.max! - 1);
    // A changed line loses its counts until the worker counts it again.
    await pool().query(`UPDATE samples SET token_counts = NULL WHERE external_id = 'u1'`);
    expect((await bundle({ kind: "sft", format: "trl" })).manifest.counts.sft!.lengths).toMatchObject({ counted: 2, uncounted: 1 });
    expect(await countPendingTokens()).toMatchObject({ samples: 1 });
  });

  it("writes a non-default profile's prompt and completion template into every row of every kind and layout, and names it in the manifest", async () => {
    const dir = await tempDir();
    const prompt = "# Task\nYou audit reasoning traces for a checkpoint trained on this very text.\n\n# Output Format\n\u201cAnalysis\u201d: [analysis]\n\u201cJudgment\u201d: [0/0.5/1]";
    await fs.writeFile(path.join(dir, "prompt.txt"), prompt);
    const template = "\u201cAnalysis\u201d: {analysis}\n\u201cJudgment\u201d: {judgment}";
    const profileFile = path.join(dir, "profile.json");
    await fs.writeFile(profileFile, JSON.stringify({ name: "checkpoint-profile", systemPromptFile: "prompt.txt", completionTemplate: template }));
    const sha = createHash("sha256").update(prompt).digest("hex");
    for (const format of ["trl", "llamafactory"] as const) {
      const out = path.join(dir, `${format}.zip`);
      const result = await runCli(["export", "all", "--format", format, "--dataset", "export", "--pairs", "all", "--out", out, "--profile", profileFile, "--json"]);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).guardProfile).toEqual({ name: "checkpoint-profile", systemPromptSha256: sha });
      const entries = await readZip(out);
      const manifest = JSON.parse(entries.get("manifest.json")!.toString()) as Manifest;
      expect(manifest.guardProfile).toEqual({ name: "checkpoint-profile", systemPromptSha256: sha, completionTemplate: template });
      let checked = 0;
      for (const kind of ["sft", "dpo", "ogdpo"]) {
        for (const line of entries.get(`${kind}/data.jsonl`)!.toString().trim().split("\n")) {
          const row = JSON.parse(line);
          const system = format === "trl" ? row.prompt[0].content[0].text : row.system;
          const completions: string[] =
            format === "trl"
              ? kind === "sft" ? [row.completion[0].content[0].text] : [row.chosen[0].content[0].text, row.rejected[0].content[0].text]
              : kind === "sft" ? [row.conversations[1].value] : [row.chosen.value, row.rejected.value];
          expect(system).toBe(prompt);
          for (const completion of completions) {
            expect(completion).toMatch(/^\u201cAnalysis\u201d: [^\n]*\n\u201cJudgment\u201d: (0|0\.5|1)$/);
            expect(completion).toBe(template.replace("{analysis}", parseGuardOutput(completion).analysis).replace("{judgment}", String(parseGuardOutput(completion).judgment)));
          }
          checked += 1;
        }
      }
      expect(checked).toBe(manifest.counts.sft!.rows + manifest.counts.dpo!.rows + manifest.counts.ogdpo!.rows);
    }
    const { rows } = await pool().query<{ name: string; system_prompt: string }>(`SELECT name, system_prompt FROM guard_profiles WHERE system_prompt_sha256 = $1`, [sha]);
    expect(rows).toEqual([{ name: "checkpoint-profile", system_prompt: prompt }]);

    const before = (await pool().query<{ count: number }>(`SELECT count(*)::int AS count FROM exports`)).rows[0]!.count;
    await fs.writeFile(profileFile, JSON.stringify({ name: "broken", systemPromptFile: "missing.txt" }));
    const refused = await runCli(["export", "sft", "--format", "trl", "--out", path.join(dir, "never.zip"), "--profile", profileFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: guard profile .*profile\.json: systemPromptFile missing\.txt: no such file/);
    expect((await pool().query<{ count: number }>(`SELECT count(*)::int AS count FROM exports`)).rows[0]!.count).toBe(before);
  });

  it("splits deterministically by question: the same question never lands on both sides", async () => {
    const dir = await tempDir();
    const lines = Array.from({ length: 60 }, (_, index) => sampleLine(`q${index}`, { question: `Question number ${index % 12}?`, judges: judges(0, 0, 0) }));
    await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "split.jsonl", lines), dataset: "split" });
    const once = await bundle({ kind: "sft", format: "trl", dataset: "split", split: 0.3 });
    const twice = await bundle({ kind: "sft", format: "trl", dataset: "split", split: 0.3 });
    expect(once.manifest.files).toEqual(twice.manifest.files);
    const question = (row: { prompt: { content: { text?: string }[] }[] }) => /Current Task Query: (.*)\n/.exec(row.prompt[1]!.content[0]!.text!)![1];
    const train = new Set(once.rows("train.jsonl").map(question));
    const test = new Set(once.rows("test.jsonl").map(question));
    expect(train.size + test.size).toBe(12);
    expect([...test].filter((item) => train.has(item))).toEqual([]);
    expect(test.size).toBeGreaterThan(0);
    expect(once.manifest.counts.sft!.bySplit).toEqual({ train: 5 * train.size, test: 5 * test.size });
  });

  it("balances the labels by deterministic downsampling, and stratifies the split by label and source without splitting a question", async () => {
    const dir = await tempDir();
    // 300 unanimous samples: half safe, 30% potentially harmful, 20% harmful, from two sources; every third
    // question is asked twice, so groups of two must stay together.
    const lines = Array.from({ length: 300 }, (_, index) => {
      const level = index % 10 < 5 ? 0 : index % 10 < 8 ? 0.5 : 1;
      return sampleLine(`st${index}`, { question: `Stratified question ${index - (index % 3 === 1 ? 1 : 0)}?`, source: index % 2 ? "HADES-Eval" : "MM-Eval", judges: judges(level, level, level) });
    });
    await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "strata.jsonl", lines), dataset: "strata" });

    const balanced = await bundle({ kind: "sft", format: "trl", dataset: "strata", balance: "downsample" });
    expect(balanced.manifest.counts.sft).toMatchObject({ rows: 180, byLabel: { "0": 60, "0.5": 60, "1": 60 }, beforeBalance: 300 });
    const again = await bundle({ kind: "sft", format: "trl", dataset: "strata", balance: "downsample" });
    expect(again.manifest.files).toEqual(balanced.manifest.files);

    const split = await bundle({ kind: "sft", format: "trl", dataset: "strata", split: 0.2 });
    const summary = split.manifest.counts.sft!;
    const share = (counts: Record<string, number>, label: string) => counts[label]! / Object.values(counts).reduce((sum, count) => sum + count, 0);
    for (const label of ["0", "0.5", "1"]) {
      for (const side of ["train", "test"]) expect(Math.abs(share(summary.byLabelPerSplit![side]!, label) - share(summary.byLabel, label))).toBeLessThanOrEqual(0.03);
    }
    expect(summary.bySplit!.test! / summary.rows).toBeCloseTo(0.2, 1);
    const question = (row: { prompt: { content: { text?: string }[] }[] }) => /Current Task Query: (.*)\n/.exec(row.prompt[1]!.content[0]!.text!)![1];
    const train = new Set(split.rows("train.jsonl").map(question));
    expect(split.rows("test.jsonl").map(question).filter((item) => train.has(item))).toEqual([]);
  });

  it("previews the counts, and runs an API export as a background job to a downloadable bundle", async () => {
    const preview = await previewExport(CLI_ACTOR, { kind: "all", format: "trl", dataset: "export" });
    expect(preview.counts).toEqual({ sft: 3, dpo: 4, ogdpo: 3 });
    // The estimate brackets the exact lengths the export measures.
    const exact = (await bundle({ kind: "sft", format: "trl" })).manifest.counts.sft!.lengths;
    expect(preview.lengths).toMatchObject({ uncounted: 0, overMaxLength: 0 });
    expect(preview.lengths.max!).toBeGreaterThanOrEqual(exact.max! - 5);
    await expect(createExport({ ...CLI_ACTOR, role: "expert", via: "session" }, { kind: "sft", format: "trl" })).rejects.toThrow(ForbiddenError);
    await expect(createExport(CLI_ACTOR, { kind: "sft", format: "csv" })).rejects.toThrow(ValidationError);
    await expect(createExport(CLI_ACTOR, { kind: "sft", format: "trl", split: 1.5 })).rejects.toThrow(ValidationError);
    const created = await createExport(CLI_ACTOR, { kind: "ogdpo", format: "trl", dataset: "export" });
    expect(created.status).toBe("queued");
    const worker = await runExportWorker();
    let view = created;
    try {
      for (let attempt = 0; attempt < 200 && view.status !== "succeeded" && view.status !== "failed"; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        view = await getExport(CLI_ACTOR, created.id);
      }
    } finally {
      await worker.stop();
    }
    expect(view).toMatchObject({ status: "succeeded", rowsWritten: 3, downloadUrl: `/api/v1/exports/${created.id}/download` });
    const file = await exportFile(CLI_ACTOR, created.id);
    expect((await readZip(file.path)).has("manifest.json")).toBe(true);
  });

  it("sends the job with the row or not at all, and runs it once: a retry after success changes nothing, one left running starts again, a demoted admin's fails", async () => {
    const user = await addUser(CLI_ACTOR, { email: "exporter@example.org", role: "admin", password: "a long password" });
    const admin = { userId: user.id, email: user.email, role: "admin", via: "session" } as const;
    const jobs = async () => (await pool().query<{ id: string }>(`SELECT data->>'exportId' AS id FROM pgboss.job WHERE name = 'export'`)).rows.map((row) => row.id);
    const before = await jobs();
    await expect(createExport(admin, { kind: "sft", format: "trl", dataset: "nowhere" })).rejects.toThrow(NotFoundError);
    expect(await jobs()).toEqual(before);
    const asked = await createExport(admin, { kind: "sft", format: "trl", dataset: "export" });
    expect(await jobs()).toContain(asked.id);

    await runQueuedExport(asked.id);
    const done = await getExport(CLI_ACTOR, asked.id);
    expect(done).toMatchObject({ status: "succeeded", rowsWritten: 3, createdBy: "exporter@example.org" });
    await runQueuedExport(asked.id);
    expect(await getExport(CLI_ACTOR, asked.id)).toEqual(done);
    // A worker that died midway leaves the row running; the job's retry runs the export again.
    await pool().query(`UPDATE exports SET status = 'running', rows_written = 1, manifest = NULL, file_path = NULL, finished_at = NULL WHERE id = $1`, [asked.id]);
    await runQueuedExport(asked.id);
    expect(await getExport(CLI_ACTOR, asked.id)).toMatchObject({ status: "succeeded", rowsWritten: 3, downloadUrl: `/api/v1/exports/${asked.id}/download` });

    const later = await createExport(admin, { kind: "dpo", format: "trl", dataset: "export" });
    await pool().query(`UPDATE users SET role = 'viewer' WHERE id = $1`, [user.id]);
    await runQueuedExport(later.id);
    expect(await getExport(CLI_ACTOR, later.id)).toMatchObject({ status: "failed", error: "the admin who asked for it may no longer export", downloadUrl: null });
  });
});
