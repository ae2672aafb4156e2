import type { z } from "zod";
import { ValidationError } from "../errors";
import { zodFieldErrors } from "../validation";

/** Parses a service's input with its schema; failures become a 422 with the fields named. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  // Only a missing input means "no options"; a JSON null is a bad body like any other non-object.
  const parsed = schema.safeParse(input === undefined ? {} : input);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  return parsed.data;
}
