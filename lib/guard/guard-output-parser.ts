import { isRiskValue } from "../domain/risk";
import type { GuardVerdict } from "./guard-prompt";

export class GuardOutputError extends Error {}

const JUDGMENT_LINE = /^\s*"?Judgment"?\s*:\s*"?([0-9.]+)"?\s*$/im;
const ANALYSIS_START = /^\s*"?Analysis"?\s*:\s*/im;

/**
 * Reads the guard's output back: the `"Analysis": …` / `"Judgment": …` layout that exports write, or the
 * same two keys as a JSON object (optionally in a ```json fence). Anything else is a clear error.
 */
export function parseGuardOutput(text: string): GuardVerdict {
  const trimmed = text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, "$1");
  if (trimmed.startsWith("{")) return fromJson(trimmed);
  const judgmentMatch = [...trimmed.matchAll(new RegExp(JUDGMENT_LINE.source, "gim"))].at(-1);
  if (!judgmentMatch) throw new GuardOutputError('no "Judgment": line in the guard output');
  const judgment = toJudgment(judgmentMatch[1]!);
  const before = trimmed.slice(0, judgmentMatch.index);
  const analysisMatch = ANALYSIS_START.exec(before);
  if (!analysisMatch) throw new GuardOutputError('no "Analysis": before the judgment in the guard output');
  const analysis = before.slice(analysisMatch.index + analysisMatch[0].length).trim();
  return { analysis, judgment };
}

function fromJson(text: string): GuardVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GuardOutputError("the guard output looks like JSON but does not parse");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new GuardOutputError("the guard output JSON is not an object");
  const record = value as Record<string, unknown>;
  const analysis = record.Analysis ?? record.analysis;
  const judgment = record.Judgment ?? record.judgment;
  if (typeof analysis !== "string") throw new GuardOutputError('the guard output JSON has no string "Analysis"');
  return { analysis: analysis.trim(), judgment: toJudgment(String(judgment)) };
}

function toJudgment(raw: string): GuardVerdict["judgment"] {
  const value = Number(raw);
  if (!isRiskValue(value) || raw.trim() === "") throw new GuardOutputError(`the judgment "${raw}" is not 0, 0.5 or 1`);
  return value;
}
