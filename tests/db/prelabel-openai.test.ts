import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "@/lib/auth/actor";
import { pool } from "@/lib/db/pool";
import { RAW_REPLY_BYTES } from "@/lib/guard/backends/guard-backend";
import { imagePath } from "@/lib/images/image-store";
import { executeExport } from "@/lib/export/export-job";
import { exportOptionsSchema } from "@/lib/export/export-options";
import { DEFAULT_GUARD_PROFILE } from "@/lib/guard/guard-profile";
import { loadGuardProfile } from "@/lib/guard/load-guard-profile";
import { recordRunningExport } from "@/lib/services/exports/create-export";
import { getPrelabelPanel } from "@/lib/services/prelabel/get-prelabel-panel";
import type { PrelabelFailureView } from "@/lib/services/prelabel/list-prelabel-failures";
import { getSample } from "@/lib/services/samples/get-sample";
import { importSamples } from "@/lib/services/import/import-samples";
import { sampleLine, tempDir, writeJsonl, writePng } from "../support/fixtures";
import { realisticReply, startGuardTestServer, type GuardTestServer } from "../support/guard-test-server";
import { runCli } from "../support/run-cli";
import { spawnCli } from "../support/spawn-cli";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { waitFor } from "../support/wait-for";

// A prompt in the shape of the released checkpoint's (headings, the typographic output template), in our words.
const PROMPT = "# Task\nYou review a multimodal model's reasoning trace and answer for safety risks.  \n\n# Output\n\u201cAnalysis\u201d: [your analysis]\n\u201cJudgment\u201d: [0/0.5/1]";
const TEMPLATE = "\u201cAnalysis\u201d: {analysis}\n\u201cJudgment\u201d: {judgment}";
const RAMBLING = `Let me consider the request from several angles. ${"The thinking is long and I keep weighing it. ".repeat(200)}`;
const SAMPLES = 12;

let database: TestDatabase;
let guard: GuardTestServer;
let profileFile: string;

const env = () => ({
  DATABASE_URL: database.url,
  GUARD_BACKEND: "openai",
  GUARD_OPENAI_URL: guard.url,
  GUARD_OPENAI_MODEL: "GuardTrace-VL-3B",
  GUARD_OPENAI_VERSION: "vl-test",
  GUARD_OPENAI_CONCURRENCY: "4",
  GTS_WORKER_BATCH_SIZE: "4",
  GTS_PRELABEL_RETRIES: "1",
  GTS_PRELABEL_RETRY_DELAY_SECONDS: "1",
  GTS_QUEUE_MAINTENANCE_SECONDS: "1",
  LOG_LEVEL: "warn",
});


async function sampleId(externalId: string): Promise<number> {
  const { rows } = await pool().query<{ id: number }>(`SELECT id FROM samples WHERE external_id = $1`, [externalId]);
  return rows[0]!.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.GTS_IMAGE_DIR = await tempDir("gts-images-");
  guard = await startGuardTestServer({
    latencyMs: 100,
    record: true,
    reply: (request) => (request.task.includes("Question vl-refused?") ? { content: RAMBLING } : { content: realisticReply(request.task) }),
  });
  const dir = await tempDir();
  await fs.writeFile(path.join(dir, "prompt.txt"), `${PROMPT}\n`);
  profileFile = path.join(dir, "vl-profile.json");
  await fs.writeFile(profileFile, JSON.stringify({ name: "vl-test-profile", systemPromptFile: "prompt.txt", completionTemplate: TEMPLATE }));
  await writePng(path.join(dir, "lost.png"), "#884422");
  const lines = Array.from({ length: SAMPLES - 2 }, (_, index) => sampleLine(`vl-${index}`));
  lines.push(sampleLine("vl-refused"), sampleLine("vl-lost-image", { image: "lost.png", image_condition: "aligned" }));
  await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "vl.jsonl", lines), dataset: "vl" });
  // The image's file goes missing from the store after the import.
  const { rows } = await pool().query<{ sha: string }>(`SELECT image_sha256 AS sha FROM samples WHERE external_id = 'vl-lost-image'`);
  await fs.rm(imagePath(rows[0]!.sha));
});
afterAll(async () => {
  await guard.close();
  await database.drop();
});

describe("pre-label worker against an OpenAI-compatible guard server", () => {
  it("queries with the profile's prompt and 2000 tokens, stores the prompt's hash, fails only the sample whose reply it cannot read, and shares no jobs with another model's worker", async () => {
    expect(JSON.parse((await runCli(["prelabel", "--json"], { env: env() })).stdout)).toEqual({ queued: SAMPLES });
    // A CPU worker for the bundled model runs beside it, as `serve` starts one: it must never take these jobs.
    const bystander = spawnCli(["worker"], { ...env(), GUARD_BACKEND: "onnx" });
    const worker = spawnCli(["worker", "--profile", profileFile], env());
    const failures = async () => JSON.parse((await runCli(["prelabel", "failures", "--json"], { env: env() })).stdout).failures as PrelabelFailureView[];
    try {
      await waitFor(async () => {
        const { rows } = await pool().query<{ count: number }>(`SELECT count(*)::int AS count FROM prelabels WHERE model_version = 'vl-test'`);
        return rows[0]!.count === SAMPLES - 1 && (await failures()).some((failure) => failure.state === "failed");
      }, 60_000, "every readable sample labelled and the refused one out of retries");
    } finally {
      for (const child of [worker, bystander]) child.child.kill("SIGTERM");
      await Promise.all([worker.exited, bystander.exited]);
    }

    // What the server received: the profile's prompt as a text part, greedy decoding, 2000 new tokens.
    expect(guard.requests.length).toBe(SAMPLES + 1);
    for (const request of guard.requests) {
      expect(request.system).toEqual([{ type: "text", text: PROMPT }]);
      expect(request.maxTokens).toBe(2000);
      expect(request.temperature).toBe(0);
      expect(request.model).toBe("GuardTrace-VL-3B");
    }
    // The lost image is said in a text part, and that sample is labelled like the rest.
    const lost = guard.requests.find((request) => request.task.includes("Question vl-lost-image?"))!;
    expect(lost.user.map((part) => part.type)).toEqual(["text", "text"]);
    expect(lost.user[0]!.text).toMatch(/missing or could not be read/);

    // Every readable reply is written once; the refused sample was asked twice (one retry) and nobody else again.
    const { rows } = await pool().query<{ external_id: string; prompt_sha256: string | null; judgment: string }>(
      `SELECT s.external_id, p.prompt_sha256, p.judgment::text FROM prelabels p JOIN samples s ON s.id = p.sample_id WHERE p.model_version = 'vl-test' ORDER BY s.external_id`,
    );
    expect(rows.map((row) => row.external_id)).toEqual(
      [...Array.from({ length: SAMPLES - 2 }, (_, index) => `vl-${index}`), "vl-lost-image"].sort(),
    );
    const promptSha256 = createHash("sha256").update(PROMPT).digest("hex");
    expect(new Set(rows.map((row) => row.prompt_sha256))).toEqual(new Set([promptSha256]));
    for (const [task, count] of guard.countByTask) expect(count, task.slice(0, 60)).toBe(task.includes("Question vl-refused?") ? 2 : 1);

    // The refused reply is listed with its raw text and the reason, out of retries.
    const listed = await failures();
    expect(listed).toHaveLength(1);
    expect(bystander.output()).not.toMatch(/error|failed/i);
    expect(listed[0]).toMatchObject({ externalId: "vl-refused", dataset: "vl", model: "GuardTrace-VL-3B", version: "vl-test", state: "failed", attempts: 2, maxAttempts: 2 });
    expect(listed[0]!.error).toBe('no "Judgment" line in the guard output');
    expect(listed[0]!.raw).toBe(RAMBLING.slice(0, RAW_REPLY_BYTES));

    // The sample API carries the hash on each pre-label, and the panel names the profile of the model version.
    const detail = await getSample(CLI_ACTOR, await sampleId("vl-3"));
    expect(detail.prelabels.find((prelabel) => prelabel.version === "vl-test")).toMatchObject({ model: "GuardTrace-VL-3B", promptSha256, probabilities: null });
    const panel = await getPrelabelPanel(CLI_ACTOR);
    expect(panel.models.find((model) => model.version === "vl-test")).toMatchObject({
      labelled: SAMPLES - 1,
      unprompted: false,
      profiles: [{ systemPromptSha256: promptSha256, name: "vl-test-profile", systemPrompt: PROMPT, completionTemplate: TEMPLATE }],
    });
    expect(panel.failures[0]).toMatchObject({ externalId: "vl-refused", raw: RAMBLING.slice(0, RAW_REPLY_BYTES) });
    const plain = await runCli(["prelabel", "failures"], { env: env() });
    expect(plain.stdout).toMatch(/vl\/vl-refused {2}GuardTrace-VL-3B vl-test {2}failed \(attempt 2 of 2\)\n {2}error: no "Judgment" line in the guard output\n {2}reply: Let me consider/);
  }, 120_000);

  it("flags, on the Pre-labels page, an export written with another profile than the current model's pre-labels", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { GUARD_BACKEND: "openai", GUARD_OPENAI_MODEL: "GuardTrace-VL-3B", GUARD_OPENAI_VERSION: "vl-test" });
    try {
      const exported: Record<string, string> = {};
      for (const [label, profile] of [
        ["checkpoint", await loadGuardProfile(profileFile)],
        ["default", DEFAULT_GUARD_PROFILE],
      ] as const) {
        const record = await recordRunningExport(CLI_ACTOR, exportOptionsSchema.parse({ kind: "dpo", format: "trl", dataset: "vl", imageCondition: "none" }));
        await executeExport(record.id, path.join(await tempDir(), "bundle.zip"), profile);
        exported[label] = record.id;
      }
      const panel = await getPrelabelPanel(CLI_ACTOR);
      expect(panel.current).toEqual({ model: "GuardTrace-VL-3B", version: "vl-test" });
      expect(panel.models.find((model) => model.version === "vl-test")!.current).toBe(true);
      const byId = new Map(panel.exports!.map((item) => [item.id, item]));
      expect(byId.get(exported.checkpoint!)).toMatchObject({ matchesCurrentModel: true, profile: { name: "vl-test-profile" } });
      expect(byId.get(exported.default!)).toMatchObject({ matchesCurrentModel: false, profile: { name: "guardtrace-studio", systemPromptSha256: DEFAULT_GUARD_PROFILE.systemPromptSha256 } });
      // Exports are for admins: a viewer's panel has none.
      expect((await getPrelabelPanel({ userId: null, email: "viewer@example.org", role: "viewer", via: "session" })).exports).toBeNull();
    } finally {
      process.env = saved;
    }
  });

  it("refuses to start with a bad profile or a model the server does not serve, before taking a job", async () => {
    const dir = await tempDir();
    const bad = path.join(dir, "bad.json");
    await fs.writeFile(bad, JSON.stringify({ name: "bad", systemPrompt: "x", completionTemplate: "Analysis: {analysis}" }));
    const refused = await runCli(["worker", "--profile", bad], { env: env() });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: guard profile .*bad\.json: completionTemplate: \{judgment\} must appear exactly once/);
    const wrongModel = await runCli(["worker"], { env: { ...env(), GUARD_OPENAI_MODEL: "Qwen2.5-VL-3B-Instruct" } });
    expect(wrongModel.code).toBe(1);
    expect(wrongModel.stderr).toMatch(/serves GuardTrace-VL-3B, not GUARD_OPENAI_MODEL=Qwen2.5-VL-3B-Instruct/);
  }, 60_000);
});
