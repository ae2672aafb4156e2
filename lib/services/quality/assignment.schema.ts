import { z } from "zod";
import { sampleFiltersSchema } from "../samples/sample-filters";
import { sampleIdSchema } from "../samples/sample-id";
import { emailSchema, groupNameSchema } from "../users/user.schema";

export const MAX_ASSIGNED_AT_ONCE = 10_000;

/**
 * An admin sends samples to one expert: by id, or every waiting sample the sample list's filters match
 * (up to `limit`). An assignment runs out after `days`, and the samples go back to everyone.
 */
export const assignInputSchema = z
  .strictObject({
    expert: emailSchema,
    sampleIds: z.array(sampleIdSchema).min(1, "name at least one sample").max(MAX_ASSIGNED_AT_ONCE).optional(),
    filters: sampleFiltersSchema.omit({ cursor: true, limit: true }).optional(),
    days: z.number().int("must be a whole number of days").min(1, "must be at least 1").max(90, "must be at most 90").default(7),
    limit: z.number().int().min(1).max(MAX_ASSIGNED_AT_ONCE).default(1000),
  })
  .refine((input) => (input.sampleIds === undefined) !== (input.filters === undefined), { path: ["sampleIds"], message: "give sample ids or filters, not both" });
export type AssignInput = z.input<typeof assignInputSchema>;

/** Who may work a dataset's queue; empty lists open it to every expert again. */
export const datasetAccessSchema = z.strictObject({
  experts: z.array(emailSchema).max(500).default([]),
  groups: z.array(groupNameSchema).max(50).default([]),
});
