import { isRiskValue, type RiskValue } from "../domain/risk";
import { GuardOutputError, parseGuardOutput } from "../guard/guard-output-parser";
import { imageNameOf, matchKeyOf } from "../import/match-key";

/** How a record names its sample: by our external id, or by its content (and image name, when it has one). */
export type SampleRef = { externalId: string } | { matchKey: string; imageName: string | null };

export type EvaluationRecord =
  | { ref: SampleRef; verdict: { judgment: RiskValue; analysis: string | null } }
  | { ref: SampleRef | null; unparseable: string }
  | { unmatched: string };

const text = (value: unknown) => (typeof value === "string" ? value : null);

/**
 * One record of a guard's evaluation output, in either layout:
 * - the upstream evaluation script's: `query`, `thinking`, `response`, `image_name` and `eval_result`,
 *   the model's raw reply (a failed item carries `error` instead);
 * - ours: `id` (an external id) or `question`/`thinking`/`answer`/`image`, with `judgment` (and
 *   optionally `analysis`) or `output`, a raw reply.
 * A raw reply is read with the guard output parser, so the same replies are accepted as from the worker.
 */
export function readEvaluationRecord(value: Record<string, unknown>): EvaluationRecord {
  // The upstream script writes only `image_name` and `error` for an item it could not run.
  if (value.error !== undefined && !["eval_result", "output", "judgment"].some((key) => key in value)) {
    return { ref: null, unparseable: `the evaluation failed: ${String(value.error).slice(0, 300)}` };
  }
  const upstream = "eval_result" in value || "query" in value || "response" in value;
  const ref = upstream ? contentRef(value.query, value.thinking, value.response, value.image_name) : ourRef(value);
  if (typeof ref === "string") return { unmatched: ref };
  const raw = upstream ? value.eval_result : value.output;
  if (!upstream && raw === undefined) {
    if (!isRiskValue(value.judgment)) return { ref, unparseable: "judgment: must be 0, 0.5 or 1 (or give the raw reply as output)" };
    const analysis = text(value.analysis);
    return { ref, verdict: { judgment: value.judgment, analysis } };
  }
  if (typeof raw !== "string") return { ref, unparseable: `${upstream ? "eval_result" : "output"}: must be the model's reply as text` };
  try {
    const verdict = parseGuardOutput(raw);
    return { ref, verdict: { judgment: verdict.judgment, analysis: verdict.analysis || null } };
  } catch (error) {
    if (error instanceof GuardOutputError) return { ref, unparseable: error.message };
    throw error;
  }
}

function ourRef(value: Record<string, unknown>): SampleRef | string {
  if (value.id !== undefined) {
    const id = text(value.id);
    return id && id.trim() ? { externalId: id } : "id: must be a non-empty string";
  }
  return contentRef(value.question, value.thinking, value.answer, value.image);
}

function contentRef(question: unknown, thinking: unknown, answer: unknown, image: unknown): SampleRef | string {
  const parts = [text(question), text(thinking), text(answer)];
  if (parts.some((part) => part === null)) return "needs the question, thinking and answer as text (or an id) to find its sample";
  return { matchKey: matchKeyOf(parts[0]!, parts[1]!, parts[2]!), imageName: imageNameOf(text(image)) };
}
