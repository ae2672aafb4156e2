import { encodeOnnxModel } from "./onnx-writer";
import type { FeatureSpec } from "./features";

/** The bundled guard: softmax regression over text features and a 4×4 average-pooled image. */
export const POOL_GRID = 4;
export const CLASSES = [0, 0.5, 1] as const;

export type GuardWeights = { weights: Float32Array; bias: Float32Array; featureCount: number };

/** The image part of the features, exactly as the graph's AveragePool + Flatten compute it. */
export function pooledImage(tensor: Float32Array, size: number): Float32Array {
  const cell = size / POOL_GRID;
  const pooled = new Float32Array(3 * POOL_GRID * POOL_GRID);
  for (let channel = 0; channel < 3; channel += 1) {
    for (let row = 0; row < POOL_GRID; row += 1) {
      for (let column = 0; column < POOL_GRID; column += 1) {
        let sum = 0;
        for (let y = 0; y < cell; y += 1) {
          for (let x = 0; x < cell; x += 1) sum += tensor[channel * size * size + (row * cell + y) * size + column * cell + x]!;
        }
        pooled[channel * POOL_GRID * POOL_GRID + row * POOL_GRID + column] = sum / (cell * cell);
      }
    }
  }
  return pooled;
}

export function concatFeatures(text: Float32Array, image: Float32Array, size: number): Float32Array {
  const pooled = pooledImage(image, size);
  const features = new Float32Array(text.length + pooled.length);
  features.set(text);
  features.set(pooled, text.length);
  return features;
}

/** Class probabilities computed in TS, the reference the ONNX graph must reproduce. */
export function predictProbabilities(model: GuardWeights, features: Float32Array): number[] {
  const logits = [0, 1, 2].map((k) => {
    let sum = model.bias[k]!;
    for (let f = 0; f < model.featureCount; f += 1) sum += features[f]! * model.weights[f * 3 + k]!;
    return sum;
  });
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / total);
}

export function guardOnnx(model: GuardWeights, spec: FeatureSpec, meta: { name: string; version: string; doc: string }): Buffer {
  const cell = spec.image.size / POOL_GRID;
  return encodeOnnxModel({
    producer: "guardtrace-studio",
    version: 1,
    opset: 13,
    doc: meta.doc,
    metadata: { name: meta.name, version: meta.version },
    inputs: [
      { name: spec.text.input, dims: ["batch", spec.text.dim] },
      { name: spec.image.input, dims: ["batch", 3, spec.image.size, spec.image.size] },
    ],
    outputs: [{ name: "probabilities", dims: ["batch", 3] }],
    initializers: [
      { name: "weights", dims: [model.featureCount, 3], values: model.weights },
      { name: "bias", dims: [3], values: model.bias },
    ],
    nodes: [
      { op: "AveragePool", inputs: [spec.image.input], outputs: ["pooled"], attributes: [{ name: "kernel_shape", ints: [cell, cell] }, { name: "strides", ints: [cell, cell] }] },
      { op: "Flatten", inputs: ["pooled"], outputs: ["image_features"], attributes: [{ name: "axis", int: 1 }] },
      { op: "Concat", inputs: [spec.text.input, "image_features"], outputs: ["features"], attributes: [{ name: "axis", int: 1 }] },
      { op: "MatMul", inputs: ["features", "weights"], outputs: ["scores"] },
      { op: "Add", inputs: ["scores", "bias"], outputs: ["logits"] },
      { op: "Softmax", inputs: ["logits"], outputs: ["probabilities"], attributes: [{ name: "axis", int: 1 }] },
    ],
  });
}
