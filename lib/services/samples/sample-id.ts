import { z } from "zod";
import { ValidationError } from "../../errors";

export const sampleIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

export function parseSampleId(raw: unknown): number {
  const parsed = sampleIdSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError({ id: ["must be a positive integer sample id"] });
  return parsed.data;
}
