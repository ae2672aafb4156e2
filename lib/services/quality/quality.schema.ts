import { z } from "zod";
import { riskValueSchema } from "../queue/queue-schemas";
import { emailSchema } from "../users/user.schema";

const name = z.string().trim().min(1).max(200);

/** An admin makes a sample gold: its known answer and, for calibration, why. */
export const goldInputSchema = z.strictObject({
  judgment: riskValueSchema,
  explanation: z.string().trim().min(1, "must not be empty").max(4000).optional(),
});
export type GoldInput = z.infer<typeof goldInputSchema>;

/** `gts gold add`: the sample by dataset and external id. */
export const goldTargetSchema = z.strictObject({ dataset: name, externalId: name });

/** Whose standing on which dataset. */
export const standingTargetSchema = z.strictObject({ dataset: name, expert: emailSchema });

/** What an admin does to an expert's standing on a dataset. */
export const standingChangeSchema = z.strictObject({ action: z.enum(["lift_pause", "reset_calibration"]) });
export type StandingChange = z.infer<typeof standingChangeSchema>;
