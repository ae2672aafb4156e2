import { exportOptionsSchema } from "./export-options";

/**
 * The options of a past export that narrowed or changed it, as "field value" pairs for its history
 * row: what it was filtered on and every setting away from its default. Kind and format have their own
 * columns. Stored options of an older shape are shown as they are, field by field.
 */
export function optionsSummary(stored: Record<string, unknown>): [string, string][] {
  const kind = typeof stored.kind === "string" ? stored.kind : "sft";
  const format = typeof stored.format === "string" ? stored.format : "trl";
  const defaults: Record<string, unknown> = exportOptionsSchema.safeParse({ kind, format }).data ?? {};
  return Object.entries(stored)
    .filter(([field, value]) => field !== "kind" && field !== "format" && value !== undefined && value !== null && JSON.stringify(value) !== JSON.stringify(defaults[field]))
    .map(([field, value]) => [field, typeof value === "string" ? value : JSON.stringify(value)]);
}
