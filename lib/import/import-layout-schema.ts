import { z } from "zod";

export const IMPORT_LAYOUTS = ["native", "guardtrace"] as const;
export type ImportLayoutName = (typeof IMPORT_LAYOUTS)[number];

/** The fields of our import format (docs/import-format.md): what a mapping may write to. */
export const RECORD_FIELDS = [
  "id", "question", "image", "image_condition", "attack", "category", "source", "model", "thinking", "answer",
  "judges", "prelabel", "meta", "reference",
] as const;
/** The fields `--set` may fill: the plain strings. */
export const SETTABLE_FIELDS = ["category", "image_condition", "attack", "source", "model"] as const;

const FIELD_NAME = /^[^=\s][^=]*$/;

function assignments<const T extends readonly string[]>(allowed: T, what: string) {
  return z
    .array(z.string())
    .max(50)
    .default([])
    .transform((pairs, context) => {
      const result: Record<string, string> = {};
      for (const pair of pairs) {
        const cut = pair.indexOf("=");
        const left = cut === -1 ? "" : pair.slice(0, cut).trim();
        const right = cut === -1 ? "" : pair.slice(cut + 1).trim();
        if (!left || !right || !FIELD_NAME.test(right)) {
          context.addIssue({ code: "custom", message: `'${pair}' is not ${what}` });
        } else if (!(allowed as readonly string[]).includes(left)) {
          context.addIssue({ code: "custom", message: `'${left}' is not one of ${allowed.join(", ")}` });
        } else result[left] = right;
      }
      return result;
    });
}

/** How to read a file's records into our format: the one schema the CLI flags and the import page both parse. */
export const importLayoutSchema = z.strictObject({
  layout: z.enum(IMPORT_LAYOUTS).default("native"),
  /** `ours=theirs`: take our field from their field. */
  map: assignments(RECORD_FIELDS, "ours=theirs, for example answer=response"),
  /** `field=value`: fill a field the record lacks. */
  set: assignments(SETTABLE_FIELDS, "field=value, for example category=health"),
  source: z.string().trim().min(1).max(200).optional(),
});
export type ImportLayout = z.output<typeof importLayoutSchema>;
export const NATIVE_LAYOUT: ImportLayout = { layout: "native", map: {}, set: {} };
