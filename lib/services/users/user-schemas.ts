import { z } from "zod";
import { ROLES } from "../../auth/permissions";
import { passwordSchema } from "../../auth/password";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("must be an email address")).pipe(z.string().max(320));

export const addUserSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES),
  password: passwordSchema,
  name: z.string().trim().max(200).optional(),
});
export type AddUserInput = z.input<typeof addUserSchema>;
