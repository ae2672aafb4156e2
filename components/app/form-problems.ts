import type { z } from "zod";
import { zodFieldErrors } from "@/lib/validation";

/**
 * What a form says before it sends: the schema the server parses with, run on the form's values; null
 * when they pass. Each field's problem is named with the label the form shows for it.
 */
export function formProblems<T>(schema: z.ZodType<T>, values: unknown, labels: Record<string, string>): string | null {
  const parsed = schema.safeParse(values);
  if (parsed.success) return null;
  return Object.entries(zodFieldErrors(parsed.error))
    .map(([field, messages]) => `${labels[field] ?? field} ${messages.join(", ")}`)
    .join("; ");
}
