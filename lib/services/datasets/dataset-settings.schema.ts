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
    /** Safe viewing (docs/safe-viewing.md): decisions per expert per day before the claim asks them to stop; null removes the cap. */
    dailyCap: z.number().int("must be a whole number").min(1, "must be 1 or more (null: no cap)").max(100_000, "must be at most 100000").nullable().optional(),
    /** Minutes of continuous work before the workspace suggests a break; null turns the reminder off. */
    breakAfterMinutes: z.number().int("must be a whole number").min(5, "must be 5 or more (null: no reminder)").max(1440, "must be at most 1440").nullable().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), "change at least one setting");

export type DatasetSettings = {
  auditShare: number;
  secondOpinionShare: number;
  goldRate: number;
  goldFloor: number;
  calibrationItems: number;
  dailyCap: number | null;
  breakAfterMinutes: number | null;
};
