import path from "node:path";
import { z } from "zod";
import type { GuardBackend } from "../guard/backends/guard-backend";
import { openOnnxBackend, readModelManifest } from "../guard/backends/onnx-backend";

const configSchema = z.object({
  GUARD_BACKEND: z.enum(["onnx", "openai"]).default("onnx"),
  GUARD_MODEL_DIR: z.string().default("models/guardtrace-mini"),
  GUARD_DEVICE: z.enum(["cpu", "cuda"]).default("cpu"),
  GUARD_CUDA_FALLBACK: z.enum(["fail", "cpu"]).default("fail"),
  GUARD_OPENAI_URL: z.string().url().optional(),
  GUARD_OPENAI_MODEL: z.string().default("GuardTrace-VL-3B"),
  GUARD_OPENAI_API_KEY: z.string().optional(),
  GUARD_OPENAI_VERSION: z.string().default("served"),
  GUARD_OPENAI_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  GUARD_OPENAI_TIMEOUT_SECONDS: z.coerce.number().positive().default(120),
});

export type GuardConfig = z.infer<typeof configSchema>;

export function guardConfig(env: NodeJS.ProcessEnv = process.env): GuardConfig {
  return configSchema.parse(env);
}

/** The model a pre-label run is for: what the configured backend will write as name and version. */
export async function currentModel(config = guardConfig()): Promise<{ model: string; version: string }> {
  if (config.GUARD_BACKEND === "openai") return { model: config.GUARD_OPENAI_MODEL, version: config.GUARD_OPENAI_VERSION };
  const manifest = await readModelManifest(path.resolve(config.GUARD_MODEL_DIR));
  return { model: manifest.name, version: manifest.version };
}

export async function openGuardBackend(config = guardConfig()): Promise<GuardBackend> {
  if (config.GUARD_BACKEND === "openai") {
    const { openOpenAiBackend } = await import("../guard/backends/openai-backend");
    if (!config.GUARD_OPENAI_URL) throw new Error("GUARD_OPENAI_URL is required with GUARD_BACKEND=openai");
    return openOpenAiBackend({
      baseUrl: config.GUARD_OPENAI_URL,
      model: config.GUARD_OPENAI_MODEL,
      version: config.GUARD_OPENAI_VERSION,
      apiKey: config.GUARD_OPENAI_API_KEY,
      concurrency: config.GUARD_OPENAI_CONCURRENCY,
      timeoutMs: config.GUARD_OPENAI_TIMEOUT_SECONDS * 1000,
    });
  }
  return openOnnxBackend({ modelDir: path.resolve(config.GUARD_MODEL_DIR), device: config.GUARD_DEVICE, onMissingCuda: config.GUARD_CUDA_FALLBACK });
}
