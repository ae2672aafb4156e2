import { z } from "zod";

export const MAX_COMMENT_LENGTH = 10_000;

/** A comment on a sample: plain text; `@email` mentions its reader. */
export const commentInputSchema = z.strictObject({
  body: z.string().trim().min(1, "write something").max(MAX_COMMENT_LENGTH, `must be at most ${MAX_COMMENT_LENGTH} characters`),
});

/** Resolving a sample's flags takes a note: what the discussion decided. */
export const resolveFlagsInputSchema = z.strictObject({
  note: z.string().trim().min(1, "say what was decided").max(MAX_COMMENT_LENGTH),
});
