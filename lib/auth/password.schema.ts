import { z } from "zod";

/** A new password: for the server and for the forms, which check it before they send it. */
export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(256, "must be at most 256 characters");
