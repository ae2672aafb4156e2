import { z as zod, type z } from "zod";
import type { FieldErrors } from "./errors";

/** Zod issues keyed by field path (`judges.1.judgment`), for 422 answers and form messages. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** An optional field of a form or query string, where an empty value ("" or null) means "not given". */
export function optionalParam<T extends z.ZodType>(schema: T) {
  return zod.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());
}
