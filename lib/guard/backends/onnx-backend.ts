import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { log } from "../../log";
import { imageTensor, textFeatures } from "../features";
import { CLASSES } from "../guard-model";
import type { GuardBackend, GuardInput, GuardOutcome } from "./guard-backend";

const manifestSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  file: z.string().min(1),
  inputs: z.object({
    text: z.object({ input: z.string(), dim: z.number().int().positive() }),
    image: z.object({ input: z.string(), size: z.number().int().positive(), mean: z.tuple([z.number(), z.number(), z.number()]), std: z.tuple([z.number(), z.number(), z.number()]) }),
  }),
  outputs: z.object({ name: z.string(), classes: z.tuple([z.literal(0), z.literal(0.5), z.literal(1)]) }),
});
export type ModelManifest = z.infer<typeof manifestSchema>;

export type OnnxOptions = { modelDir: string; device: "cpu" | "cuda"; onMissingCuda: "fail" | "cpu" };

export class CudaUnavailableError extends Error {}

/**
 * The `onnx` backend: a model folder (model.onnx + manifest.json) run by onnxruntime-node, on the CPU or
 * the CUDA execution provider. Preprocessing happens here in TypeScript, as the manifest describes it.
 */
export async function openOnnxBackend(options: OnnxOptions): Promise<GuardBackend> {
  const ort = await import("onnxruntime-node");
  const manifest = manifestSchema.parse(JSON.parse(await fs.readFile(path.join(options.modelDir, "manifest.json"), "utf8")));
  const file = path.join(options.modelDir, manifest.file);
  let session: import("onnxruntime-node").InferenceSession;
  try {
    session = await ort.InferenceSession.create(file, { executionProviders: options.device === "cuda" ? ["cuda"] : ["cpu"] });
  } catch (error) {
    if (options.device !== "cuda") throw error;
    const reason = `the CUDA execution provider is not available (${(error as Error).message.split("\n")[0]}); install it with onnxruntime-node-install=cuda12, see docs/guard.md`;
    if (options.onMissingCuda === "fail") throw new CudaUnavailableError(reason);
    log.warn(`${reason}; falling back to the CPU`);
    session = await ort.InferenceSession.create(file, { executionProviders: ["cpu"] });
  }
  const { text, image } = manifest.inputs;
  async function run(batch: GuardInput[]): Promise<GuardOutcome[]> {
    const textData = new Float32Array(batch.length * text.dim);
    const imageSize = 3 * image.size * image.size;
    const imageData = new Float32Array(batch.length * imageSize);
    for (const [index, input] of batch.entries()) {
      textData.set(textFeatures(input.task, text.dim), index * text.dim);
      imageData.set(await imageTensor(input.image?.status === "ok" ? input.image.bytes : null, image), index * imageSize);
    }
    const output = await session.run({
      [text.input]: new ort.Tensor("float32", textData, [batch.length, text.dim]),
      [image.input]: new ort.Tensor("float32", imageData, [batch.length, 3, image.size, image.size]),
    });
    const probabilities = output[manifest.outputs.name]!.data as Float32Array;
    return batch.map((_, index) => {
      const row = [probabilities[index * 3]!, probabilities[index * 3 + 1]!, probabilities[index * 3 + 2]!] as [number, number, number];
      return { ok: true, prediction: { judgment: CLASSES[row.indexOf(Math.max(...row))]!, probabilities: row, analysis: null } };
    });
  }
  return {
    modelName: manifest.name,
    modelVersion: manifest.version,
    profile: null,
    inFlight: null,
    /** A sample whose image cannot be read fails on its own: the classifier would see a blank image. */
    async predict(batch: GuardInput[]): Promise<GuardOutcome[]> {
      const readable = batch.flatMap((input, index) => (input.image?.status === "unreadable" ? [] : [index]));
      const outcomes = readable.length > 0 ? await run(readable.map((index) => batch[index]!)) : [];
      const byIndex = new Map(readable.map((index, position) => [index, outcomes[position]!]));
      return batch.map((input, index) =>
        input.image?.status === "unreadable" ? { ok: false, error: `the image could not be read: ${input.image.reason}`, raw: null } : byIndex.get(index)!,
      );
    },
    close: () => session.release(),
  };
}

export async function readModelManifest(modelDir: string): Promise<ModelManifest> {
  return manifestSchema.parse(JSON.parse(await fs.readFile(path.join(modelDir, "manifest.json"), "utf8")));
}
