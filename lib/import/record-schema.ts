import { z } from "zod";
import { isRiskValue, type RiskValue } from "../domain/risk";

export const CATEGORIES = [
  "crime",
  "cybersecurity",
  "data_privacy",
  "ethics",
  "health",
  "hate_speech",
  "extremism",
  "misleading_advice",
  "other",
] as const;
/** `unknown`: imported from a layout that does not record the condition (the upstream evaluation files). */
export const IMAGE_CONDITIONS = ["none", "irrelevant", "aligned", "jailbreak", "unknown"] as const;

export const MAX_TEXT_BYTES = 1024 * 1024;
const MAX_NAME_LENGTH = 200;

/** Text PostgreSQL can store exactly: well-formed Unicode without NUL, at most 1 MiB of UTF-8. */
function text() {
  return z
    .string()
    .refine((value) => value.isWellFormed(), "is not well-formed Unicode (lone surrogate)")
    .refine((value) => !value.includes("\u0000"), "contains a NUL character")
    .refine((value) => Buffer.byteLength(value, "utf8") <= MAX_TEXT_BYTES, "is longer than 1 MiB");
}

function name() {
  return text().pipe(z.string().trim().min(1, "must not be empty").max(MAX_NAME_LENGTH));
}

const riskValue = z
  .number()
  .refine(isRiskValue, "must be 0, 0.5 or 1")
  .transform((value) => value as RiskValue);

const judgeSchema = z.strictObject({
  name: name(),
  analysis: text(),
  judgment: riskValue,
});

const prelabelSchema = z.strictObject({
  model: name(),
  version: name().optional(),
  analysis: text().optional(),
  judgment: riskValue,
});

/**
 * A known label for the sample (human-verified ground truth) and who gave it. On a sample with judges it
 * makes the sample gold: the explanation is what a calibrating expert is shown after answering it.
 */
const referenceSchema = z.strictObject({
  judgment: riskValue,
  source: name(),
  explanation: text().optional(),
});

const MAX_META_DEPTH = 32;

function depthOf(value: unknown, limit: number): number {
  if (value === null || typeof value !== "object") return 0;
  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit));
    if (deepest >= limit) break;
  }
  return deepest + 1;
}

const metaSchema = z
  .record(z.string(), z.unknown())
  .refine((value) => depthOf(value, MAX_META_DEPTH + 1) <= MAX_META_DEPTH, `must nest at most ${MAX_META_DEPTH} levels deep`)
  .refine((value) => {
    const serialised = JSON.stringify(value);
    return !serialised.includes("\\u0000") && Buffer.byteLength(serialised) <= MAX_TEXT_BYTES;
  }, "must be at most 1 MiB and hold no NUL character")
  .refine((value) => JSON.stringify(value).isWellFormed(), "is not well-formed Unicode");

/** One record of the import format (docs/import-format.md), with the optional reference label. */
export const importRecordSchema = z
  .strictObject({
    id: name(),
    question: text().refine((value) => value.trim().length > 0, "must not be empty"),
    image: z.string().min(1, "must not be empty").nullish(),
    image_condition: z.enum(IMAGE_CONDITIONS),
    attack: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be a lowercase slug such as figstep")
      .nullish(),
    category: z.enum(CATEGORIES),
    source: name().nullish(),
    model: name().nullish(),
    thinking: text(),
    answer: text(),
    judges: z.array(judgeSchema).max(9, "allows at most 9 judges"),
    prelabel: prelabelSchema.nullish(),
    reference: referenceSchema.nullish(),
    meta: metaSchema.nullish(),
  })
  .superRefine((record, context) => {
    if (record.attack && record.image_condition !== "jailbreak") {
      context.addIssue({ code: "custom", path: ["attack"], message: "is only allowed with image_condition jailbreak" });
    }
    if (record.image && record.image_condition === "none") {
      context.addIssue({ code: "custom", path: ["image"], message: "is given but image_condition is none" });
    }
    if (!record.image && record.image_condition !== "none") {
      context.addIssue({ code: "custom", path: ["image"], message: `is required with image_condition ${record.image_condition}` });
    }
    // Without judges, the reference label is the sample's only verdict (route `reference`).
    if (record.judges.length === 0 && !record.reference) {
      context.addIssue({ code: "custom", path: ["judges"], message: "needs at least one judge (or a reference label)" });
    }
    const seen = new Set<string>();
    record.judges.forEach((judge, index) => {
      if (seen.has(judge.name)) {
        context.addIssue({ code: "custom", path: ["judges", index, "name"], message: `repeats judge '${judge.name}'` });
      }
      seen.add(judge.name);
    });
  });

export type ImportRecord = z.infer<typeof importRecordSchema>;

/** `judges[1].judgment: must be 0, 0.5 or 1; category: …` — one readable reason for a line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path
        .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`))
        .join("");
      return where ? `${where}: ${readableMessage(issue)}` : readableMessage(issue);
    })
    .join("; ");
}

function readableMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) return "is required";
  if (issue.code === "unrecognized_keys") return `unknown field(s) ${issue.keys.map((key) => `'${key}'`).join(", ")} (extra data belongs in meta)`;
  if (issue.code === "invalid_value") return `must be one of ${issue.values.map(String).join(", ")}`;
  return issue.message;
}
