/**
 * Builds the bundled guard model (models/guardtrace-mini) from the demo data, deterministically:
 *
 *   npm run model:train
 *
 * Features: 1,024 hashed text features (words and word pairs of the query, thinking and answer) and the
 * image as a 32×32 RGB tensor, which the graph average-pools to 4×4 per channel. Labels: the judges'
 * consensus (unanimous or majority level); samples without a majority are left out. The held-out part
 * is every sample whose question text hashes into the 30% test share (the export split), so no test
 * question is seen in training. Training: softmax regression, full-batch gradient descent from zero,
 * fixed steps and L2 penalty, so the same data gives the same bytes.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generateDemoDataset } from "../../lib/demo/generate-demo";
import type { RiskValue } from "../../lib/domain/risk";
import { routeVotes } from "../../lib/domain/vote-route";
import { splitSide } from "../../lib/export/split";
import { imageTensor, textFeatures, type FeatureSpec } from "../../lib/guard/features";
import { CLASSES, concatFeatures, guardOnnx, predictProbabilities, type GuardWeights } from "../../lib/guard/guard-model";
import { emptyConfusion } from "../../lib/stats/cohen";
import { binaryHarmfulScores, macroF1 } from "../../lib/stats/f1";

const NAME = "guardtrace-mini";
const VERSION = "1.0.0";
const OUT = path.resolve("models", NAME);
const SPEC: FeatureSpec = {
  text: { input: "text_features", dim: 1024 },
  image: { input: "image", size: 32, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
};
const STEPS = 400;
const LEARNING_RATE = 2;
const L2 = 1e-4;
const HELD_OUT = 0.3;

type Example = { features: Float32Array; label: number; question: string };

async function loadExamples(): Promise<Example[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "gts-train-"));
  const file = await generateDemoDataset(dir);
  const lines = (await fs.readFile(file, "utf8")).trim().split("\n").map((line) => JSON.parse(line));
  const examples: Example[] = [];
  for (const record of lines) {
    const outcome = routeVotes(record.judges.map((judge: { judgment: RiskValue }) => judge.judgment));
    if (outcome.consensus === null) continue;
    const image = record.image ? await fs.readFile(path.join(dir, record.image)) : null;
    const text = textFeatures({ question: record.question, thinking: record.thinking, answer: record.answer }, SPEC.text.dim);
    examples.push({ features: concatFeatures(text, await imageTensor(image, SPEC.image), SPEC.image.size), label: CLASSES.indexOf(outcome.consensus), question: record.question });
  }
  await fs.rm(dir, { recursive: true, force: true });
  return examples;
}

function train(examples: Example[]): GuardWeights {
  const featureCount = examples[0]!.features.length;
  const weights = new Float32Array(featureCount * 3);
  const bias = new Float32Array(3);
  const model = { weights, bias, featureCount };
  for (let step = 0; step < STEPS; step += 1) {
    const gradW = new Float64Array(featureCount * 3);
    const gradB = new Float64Array(3);
    for (const example of examples) {
      const probabilities = predictProbabilities(model, example.features);
      for (let k = 0; k < 3; k += 1) {
        const error = probabilities[k]! - (k === example.label ? 1 : 0);
        gradB[k]! += error;
        for (let f = 0; f < featureCount; f += 1) gradW[f * 3 + k]! += error * example.features[f]!;
      }
    }
    for (let index = 0; index < weights.length; index += 1) weights[index]! -= LEARNING_RATE * (gradW[index]! / examples.length + L2 * weights[index]!);
    for (let k = 0; k < 3; k += 1) bias[k]! -= (LEARNING_RATE * gradB[k]!) / examples.length;
  }
  return model;
}

function evaluate(model: GuardWeights, examples: Example[]) {
  const matrix = emptyConfusion(3);
  for (const example of examples) {
    const probabilities = predictProbabilities(model, example.features);
    matrix[example.label]![probabilities.indexOf(Math.max(...probabilities))]! += 1;
  }
  const correct = matrix.reduce((sum, row, index) => sum + row[index]!, 0);
  return { n: examples.length, accuracy: correct / examples.length, f1Harmful: binaryHarmfulScores(matrix).f1, macroF1: macroF1(matrix), confusion: matrix };
}

async function main() {
  const examples = await loadExamples();
  const trainSet = examples.filter((example) => splitSide(example.question, HELD_OUT) === "train");
  const testSet = examples.filter((example) => splitSide(example.question, HELD_OUT) === "test");
  const model = train(trainSet);
  const metrics = { train: evaluate(model, trainSet), heldOut: evaluate(model, testSet) };
  const goldens = testSet.slice(0, 3).map((example) => ({ label: CLASSES[example.label], probabilities: predictProbabilities(model, example.features), question: example.question }));
  const doc = "Softmax regression over hashed text features and a pooled 32x32 image; trained on the GuardTrace Studio demo data.";
  await fs.mkdir(OUT, { recursive: true });
  await fs.writeFile(path.join(OUT, "model.onnx"), guardOnnx(model, SPEC, { name: NAME, version: VERSION, doc }));
  const manifest = {
    name: NAME,
    version: VERSION,
    file: "model.onnx",
    description: doc,
    inputs: SPEC,
    outputs: { name: "probabilities", classes: CLASSES },
    training: { data: "lib/demo (seed 20251127, 300 samples; no-majority samples left out)", split: `question hash, ${HELD_OUT * 100}% held out`, steps: STEPS, learningRate: LEARNING_RATE, l2: L2 },
    metrics,
    goldens,
  };
  await fs.writeFile(path.join(OUT, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stderr.write(`wrote ${OUT}: held-out n=${metrics.heldOut.n}, accuracy ${metrics.heldOut.accuracy.toFixed(3)}, F1 (harmful) ${metrics.heldOut.f1Harmful?.toFixed(3)}, macro-F1 ${metrics.heldOut.macroF1?.toFixed(3)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
