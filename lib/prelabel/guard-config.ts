import path from "node:path";
import { z } from "zod";
import type { GuardBackend } from "../guard/backends/guard-backend";
import { openOnnxBackend, readModelManifest } from "../guard/backends/onnx-backend";
import type { GuardProfile } from "../guard/guard-profile";
import { log } from "../log";

const configSchema = z.object({
  GUARD_BACKEND: z.enum(["onnx", "openai"]).default("onnx"),
  GUARD_MODEL_DIR: z.string().default("models/guardtrace-mini"),
  GUARD_DEVICE: z.enum(["cpu", "cuda"]).default("cpu"),
  GUARD_CUDA_FALLBACK: z.enum(["fail", "cpu"]).default("fail"),
  GUARD_OPENAI_URL: z.string().url().optional(),
  GUARD_OPENAI_MODEL: z.string().default("GuardTrace-VL-3B"),
  GUARD_OPENAI_API_KEY: z.string().optional(),
  GUARD_OPENAI_VERSION: z.string().default("served"),
  GUARD_OPENAI_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(32),
  GUARD_OPENAI_MAX_TOKENS: z.coerce.number().int().min(16).max(32_768).default(2000),
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

/** The configured backend; a served model is queried with `profile` and checked against what the server serves. */
export async function openGuardBackend(config: GuardConfig, profile: GuardProfile): Promise<GuardBackend> {
  if (config.GUARD_BACKEND === "openai") {
    const { checkServedModel, openOpenAiBackend } = await import("../guard/backends/openai-backend");
    if (!config.GUARD_OPENAI_URL) throw new Error("GUARD_OPENAI_URL is required with GUARD_BACKEND=openai");
    const options = {
      baseUrl: config.GUARD_OPENAI_URL,
      model: config.GUARD_OPENAI_MODEL,
      version: config.GUARD_OPENAI_VERSION,
      apiKey: config.GUARD_OPENAI_API_KEY,
      profile,
      concurrency: config.GUARD_OPENAI_CONCURRENCY,
      maxTokens: config.GUARD_OPENAI_MAX_TOKENS,
      timeoutMs: config.GUARD_OPENAI_TIMEOUT_SECONDS * 1000,
    };
    const warning = await checkServedModel(options);
    if (warning) log.warn(warning);
    return openOpenAiBackend(options);
  }
  return openOnnxBackend({ modelDir: path.resolve(config.GUARD_MODEL_DIR), device: config.GUARD_DEVICE, onMissingCuda: config.GUARD_CUDA_FALLBACK });
}
