import { z } from "zod";
import { emailSchema } from "../users/user.schema";

/** A token for a named user (the command line and admins). */
export const createApiTokenSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(100).default("api"),
});

/** A token the caller makes for themselves on the account page: the form checks it before sending. */
export const ownTokenSchema = z.strictObject({ name: z.string().trim().min(1, "name the token").max(100) });
