import { z } from "zod";
import { optionalParam as optional } from "../../validation";
import { CATEGORIES, IMAGE_CONDITIONS } from "../../import/record-schema";

const label = z.string().trim().min(1).max(200);

/** A risk level as the API takes it: the number 0, 0.5 or 1. */
export const riskValueSchema = z
  .number()
  .refine((value) => value === 0 || value === 0.5 || value === 1, "must be 0, 0.5 or 1")
  .meta({ enum: [0, 0.5, 1], description: "0 safe, 0.5 potentially harmful, 1 harmful" });

/** What part of the queue an expert works on; the claim, the progress count and the workspace share it. */
export const queueFiltersSchema = z.strictObject({
  dataset: optional(label),
  category: optional(z.enum(CATEGORIES)),
  imageCondition: optional(z.enum(IMAGE_CONDITIONS)),
  attack: optional(label),
  model: optional(label),
});
export type QueueFilters = z.infer<typeof queueFiltersSchema>;

/**
 * A claim: the queue's filters, `beyondCap` once the expert chose to go on past a daily cap
 * (docs/safe-viewing.md), and `ahead` for the workspace's claim-ahead of the next sample.
 */
export const claimInputSchema = queueFiltersSchema.extend({ beyondCap: z.boolean().optional(), ahead: z.boolean().optional() });

export const MAX_ANALYSIS_LENGTH = 20_000;

/**
 * A decision: `{supports}` sides with a judge; `{judgment, analysis, span?}` is the expert's correction,
 * with the span as [start, end) character offsets into the thinking.
 */
export const adjudicationInputSchema = z
  .strictObject({
    supports: z.string().trim().min(1, "name the judge you side with").max(200).optional(),
    judgment: riskValueSchema.optional(),
    analysis: z.string().trim().min(1, "write why").max(MAX_ANALYSIS_LENGTH).optional(),
    span: z
      .tuple([z.number().int().min(0), z.number().int().min(0)])
      .refine(([start, end]) => end > start, "end must come after start")
      .optional(),
  })
  .superRefine((input, context) => {
    if (input.supports !== undefined) {
      for (const field of ["judgment", "analysis", "span"] as const) {
        if (input[field] !== undefined) context.addIssue({ code: "custom", path: [field], message: "not allowed when siding with a judge" });
      }
      return;
    }
    if (input.judgment === undefined) context.addIssue({ code: "custom", path: ["judgment"], message: "is required for a correction (or send supports)" });
    if (input.analysis === undefined) context.addIssue({ code: "custom", path: ["analysis"], message: "is required for a correction" });
  });
export type AdjudicationInput = z.infer<typeof adjudicationInputSchema>;

export const skipInputSchema = z.strictObject({ reason: z.string().trim().min(1, "say why you skip").max(1000) });
export const flagInputSchema = z.strictObject({ note: z.string().trim().min(1, "say what needs discussing").max(4000) });
