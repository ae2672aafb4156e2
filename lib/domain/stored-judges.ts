import { isRiskValue, type RiskValue } from "./risk";

/** One judge's verdict as `samples.judges` holds it: the import format's judge object. */
export type StoredJudge = { name: string; analysis: string; judgment: RiskValue };

/**
 * Reads `samples.judges` back. The column is written only by the import, from validated lines; a value of
 * another shape means a damaged row, and is reported as such rather than passed on.
 */
export function parseStoredJudges(value: unknown): StoredJudge[] {
  if (!Array.isArray(value)) throw new Error("samples.judges is not an array");
  return value.map((entry: unknown) => {
    const judge = entry as Partial<StoredJudge> | null;
    if (!judge || typeof judge.name !== "string" || typeof judge.analysis !== "string" || !isRiskValue(judge.judgment)) {
      throw new Error("samples.judges holds an entry that is not a judge verdict");
    }
    return { name: judge.name, analysis: judge.analysis, judgment: judge.judgment };
  });
}
