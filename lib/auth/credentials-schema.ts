import { z } from "zod";

/** The sign-in form and the credentials provider validate with this one schema. */
export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email").max(320),
  password: z.string().min(1, "Enter your password").max(256),
});
