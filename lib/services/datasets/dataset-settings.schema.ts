import { z } from "zod";

const share = z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1");

/** A dataset's settings as the API and the CLI give them: shares as fractions, calibration as a count. */
export const datasetSettingsSchema = z
  .strictObject({
    auditShare: share.optional(),
    secondOpinionShare: share.optional(),
    goldRate: share.optional(),
    goldFloor: share.optional(),
    calibrationItems: z.number().int("must be a whole number").min(0, "must be 0 or more").max(1000, "must be at most 1000").optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), "change at least one setting");

export type DatasetSettings = { auditShare: number; secondOpinionShare: number; goldRate: number; goldFloor: number; calibrationItems: number };
