import sharp from "sharp";
import type { GuardTask } from "./guard-prompt";

/** How a model folder's manifest describes its inputs; the worker and the trainer build features from it. */
export type FeatureSpec = {
  text: { input: string; dim: number };
  image: { input: string; size: number; mean: [number, number, number]; std: [number, number, number] };
};

const TOKEN = /[\p{L}\p{N}]+/gu;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Hashed bag of words and word pairs from the three parts (each in its own namespace), log-scaled and
 * L2-normalised: the text features of the bundled guard.
 */
export function textFeatures(task: GuardTask, dim: number): Float32Array {
  const vector = new Float32Array(dim);
  const parts: [string, string][] = [
    ["q", task.question],
    ["t", task.thinking],
    ["a", task.answer],
  ];
  for (const [namespace, text] of parts) {
    const tokens = text.toLowerCase().match(TOKEN) ?? [];
    tokens.forEach((token, index) => {
      vector[fnv1a(`${namespace}:${token}`) % dim]! += 1;
      if (index > 0) vector[fnv1a(`${namespace}:${tokens[index - 1]} ${token}`) % dim]! += 1;
    });
  }
  let norm = 0;
  for (let index = 0; index < dim; index += 1) {
    vector[index] = Math.log1p(vector[index]!);
    norm += vector[index]! ** 2;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let index = 0; index < dim; index += 1) vector[index]! *= scale;
  }
  return vector;
}

/**
 * The image as a normalised CHW float tensor of size×size (RGB, alpha flattened on white); no image is
 * an all-zero tensor, which the model learns as "text only".
 */
export async function imageTensor(bytes: Buffer | null, spec: FeatureSpec["image"]): Promise<Float32Array> {
  const { size, mean, std } = spec;
  const tensor = new Float32Array(3 * size * size);
  if (!bytes) return tensor;
  const { data } = await sharp(bytes)
    .flatten({ background: "#ffffff" })
    .removeAlpha()
    .resize(size, size, { fit: "fill", kernel: "nearest" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let pixel = 0; pixel < size * size; pixel += 1) {
    for (let channel = 0; channel < 3; channel += 1) {
      tensor[channel * size * size + pixel] = (data[pixel * 3 + channel]! / 255 - mean[channel]!) / std[channel]!;
    }
  }
  return tensor;
}
