import { z } from "zod";

const riskValue = z.number().refine((value) => value === 0 || value === 0.5 || value === 1, "must be 0, 0.5 or 1");

/** An admin makes a sample gold: its known answer and, for calibration, why. */
export const goldInputSchema = z.strictObject({
  judgment: riskValue,
  explanation: z.string().trim().min(1, "must not be empty").max(4000).optional(),
});
export type GoldInput = z.infer<typeof goldInputSchema>;

/** `gts gold add`: the sample by dataset and external id. */
export const goldTargetSchema = z.strictObject({
  dataset: z.string().trim().min(1).max(200),
  externalId: z.string().trim().min(1).max(200),
});

/** Whose standing on which dataset. */
export const standingTargetSchema = z.strictObject({
  dataset: z.string().trim().min(1).max(200),
  expert: z.string().trim().toLowerCase().email("must be the expert's email"),
});

/** What an admin does to an expert's standing on a dataset. */
export const standingChangeSchema = z.strictObject({ action: z.enum(["lift_pause", "reset_calibration"]) });
export type StandingChange = z.infer<typeof standingChangeSchema>;
