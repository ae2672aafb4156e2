import type { RiskValue } from "../domain/risk";
import type { GuardTask, GuardVerdict } from "../guard/guard-prompt";
import type { ExampleKind } from "./export-options";

export type ExampleImage = { sha256: string; mime: string };

/** One training row before it is laid out for TRL or LLaMA-Factory. */
export type TrainingExample =
  | { kind: "sft"; sampleId: number; externalId: string; route: string; task: GuardTask; image: ExampleImage | null; verdict: GuardVerdict }
  | {
      kind: Exclude<ExampleKind, "sft">;
      sampleId: number;
      externalId: string;
      route: string;
      task: GuardTask;
      image: ExampleImage | null;
      chosen: GuardVerdict;
      rejected: GuardVerdict;
      /** Where the rejected side came from: a judge's name, or "prelabel". */
      rejectedSource: string;
    };

export function labelOf(example: TrainingExample): RiskValue {
  return example.kind === "sft" ? example.verdict.judgment : example.chosen.judgment;
}

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif" };

/** Images live once in the bundle, named by their SHA-256. */
export function imageEntryName(image: ExampleImage): string {
  return `images/${image.sha256}.${EXTENSIONS[image.mime] ?? "bin"}`;
}
