import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateDemoDataset } from "@/lib/demo/generate-demo";
import type { GuardOutcome } from "@/lib/guard/backends/guard-backend";
import { CudaUnavailableError, openOnnxBackend } from "@/lib/guard/backends/onnx-backend";

function predictionOf(outcome: GuardOutcome) {
  if (!outcome.ok) throw new Error(`expected a prediction, got: ${outcome.error}`);
  return outcome.prediction;
}

const MODEL_DIR = path.resolve("models/guardtrace-mini");

describe("the bundled guard model", () => {
  it("is a small ONNX file with a manifest", async () => {
    expect((await fs.stat(path.join(MODEL_DIR, "model.onnx"))).size).toBeLessThan(5 * 1024 * 1024);
  });

  it("reproduces in onnxruntime the probabilities the trainer computed for its golden inputs", async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(MODEL_DIR, "manifest.json"), "utf8"));
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "gts-golden-"));
    const records = (await fs.readFile(await generateDemoDataset(dir), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    const backend = await openOnnxBackend({ modelDir: MODEL_DIR, device: "cpu", onMissingCuda: "fail" });
    try {
      for (const golden of manifest.goldens as { question: string; probabilities: number[]; label: number }[]) {
        const record = records.find((candidate) => candidate.question === golden.question && candidate.judges)!;
        const inputs = await Promise.all(
          records
            .filter((candidate) => candidate.question === golden.question)
            .map(async (candidate) => ({
              task: { question: candidate.question, thinking: candidate.thinking, answer: candidate.answer },
              image: candidate.image ? { status: "ok" as const, bytes: await fs.readFile(path.join(dir, candidate.image)), mime: "image/png" } : null,
            })),
        );
        const predictions = (await backend.predict(inputs)).map(predictionOf);
        const match = predictions.find((prediction) => prediction.probabilities!.every((p, k) => Math.abs(p - golden.probabilities[k]!) < 1e-5));
        expect(match, `no prediction matched the golden for "${record.question}"`).toBeDefined();
        expect(match!.judgment).toBe(golden.label);
      }
      const [plain] = (await backend.predict([{ task: { question: "q", thinking: "t", answer: "a" }, image: null }])).map(predictionOf);
      expect(plain!.probabilities!.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
    } finally {
      await backend.close();
    }
  }, 60_000);

  it("fails clearly when CUDA is asked for and missing, or falls back to the CPU when configured", async () => {
    await expect(openOnnxBackend({ modelDir: MODEL_DIR, device: "cuda", onMissingCuda: "fail" })).rejects.toThrow(CudaUnavailableError);
    const fallback = await openOnnxBackend({ modelDir: MODEL_DIR, device: "cuda", onMissingCuda: "cpu" });
    expect(predictionOf((await fallback.predict([{ task: { question: "q", thinking: "t", answer: "a" }, image: null }]))[0]!).probabilities).toHaveLength(3);
    await fallback.close();
  });

  it("fails a sample whose image cannot be read on its own, and labels the rest of the batch", async () => {
    const backend = await openOnnxBackend({ modelDir: MODEL_DIR, device: "cpu", onMissingCuda: "fail" });
    try {
      const task = { question: "q", thinking: "t", answer: "a" };
      const outcomes = await backend.predict([{ task, image: null }, { task, image: { status: "unreadable", reason: "gone from the store" } }, { task, image: null }]);
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
      expect(outcomes[1]).toEqual({ ok: false, error: "the image could not be read: gone from the store", raw: null });
      expect(predictionOf(outcomes[0]!)).toEqual(predictionOf(outcomes[2]!));
    } finally {
      await backend.close();
    }
  });
});
