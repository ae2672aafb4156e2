import type { RiskValue } from "../domain/risk";
import type { GuardTask, GuardVerdict } from "../guard/guard-prompt";
import type { ExampleKind } from "./export-options";

export type ExampleImage = { sha256: string; mime: string };

/**
 * Where a row came from, carried in its `meta` column (both trainers drop columns they do not know):
 * the sample, its judges' votes, where each side's verdict came from (`judge:<name>`, `judges` for a
 * unanimous consensus, `expert:correction`, `expert:judge:<name>` for an expert siding with a judge,
 * `prelabel:<model>`), the adjudication, and the risk span an expert marked (character offsets into the
 * thinking and the 1-based thinking step it starts in).
 */
export type Provenance = {
  sample: string;
  dataset: string;
  /** The sample's source (its benchmark), when the import named one. */
  source: string | null;
  route: string;
  votes: { judge: string; judgment: RiskValue }[];
  chosen_from: string;
  rejected_from: string | null;
  adjudication: { id: string; round: string } | null;
  span: { start: number; end: number; step: number | null } | null;
};

/**
 * Stored Qwen2.5 token counts: the prompt's user text with its image, and each side's analysis; null
 * where the worker has not counted yet. The system prompt and the template are the profile's.
 */
export type ExampleTokens = { prompt: number | null; chosen: number | null; rejected: number | null };

type ExampleBase = { sampleId: number; externalId: string; route: string; task: GuardTask; image: ExampleImage | null; provenance: Provenance; tokens: ExampleTokens };

/** One training row before it is laid out for TRL or LLaMA-Factory. */
export type TrainingExample =
  | ({ kind: "sft"; verdict: GuardVerdict } & ExampleBase)
  | ({
      kind: Exclude<ExampleKind, "sft">;
      chosen: GuardVerdict;
      rejected: GuardVerdict;
      /** Where the rejected side came from: a judge's name, or "prelabel". */
      rejectedSource: string;
    } & ExampleBase);

export function labelOf(example: TrainingExample): RiskValue {
  return example.kind === "sft" ? example.verdict.judgment : example.chosen.judgment;
}

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif" };

/** Images live once in the bundle, named by their SHA-256. */
export function imageEntryName(image: ExampleImage): string {
  return `images/${image.sha256}.${EXTENSIONS[image.mime] ?? "bin"}`;
}
