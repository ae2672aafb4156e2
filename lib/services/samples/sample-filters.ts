import { z } from "zod";
import { optionalParam as optional } from "../../validation";
import { CATEGORIES, IMAGE_CONDITIONS } from "../../import/record-schema";

/** `reference`: a sample with a reference label and no judges, never queued. */
export const VOTE_ROUTES = ["unanimous", "majority", "no_majority", "reference"] as const;
export const SAMPLE_STATUSES = ["pending", "adjudicated"] as const;
export const JUDGMENT_PARAMS = ["0", "0.5", "1"] as const;
/** `open_flag`: held back by a flag nobody resolved yet; `thread`: has a discussion thread; `skipped`: an expert passed on it, with a reason. */
export const DISCUSSION_FILTERS = ["open_flag", "thread", "skipped"] as const;


const label = z.string().trim().min(1).max(200);

/** The sample list's filters: one schema for the filter form, the page and `GET /api/v1/samples`. */
export const sampleFiltersSchema = z.object({
  dataset: optional(label),
  route: optional(z.enum(VOTE_ROUTES)),
  category: optional(z.enum(CATEGORIES)),
  imageCondition: optional(z.enum(IMAGE_CONDITIONS)),
  attack: optional(label),
  source: optional(label),
  model: optional(label),
  judge: optional(label),
  judgeJudgment: optional(z.enum(JUDGMENT_PARAMS)),
  /** Samples where this judge was the odd one out of a 2:1 split. */
  minorityJudge: optional(label),
  status: optional(z.enum(SAMPLE_STATUSES)),
  discussion: optional(z.enum(DISCUSSION_FILTERS)),
  /** First-opinion decisions by this expert (email), and/or at this level. */
  expert: optional(label),
  expertJudgment: optional(z.enum(JUDGMENT_PARAMS)),
  externalId: optional(z.string().trim().min(1).max(512)),
  cursor: optional(z.coerce.number().int().positive().max(2_147_483_647)),
  limit: optional(z.coerce.number().int().min(1).max(200)),
});

export type SampleFilters = z.infer<typeof sampleFiltersSchema>;

export const FILTER_KEYS = [
  "dataset",
  "route",
  "category",
  "imageCondition",
  "attack",
  "source",
  "model",
  "judge",
  "judgeJudgment",
  "minorityJudge",
  "status",
  "discussion",
  "expert",
  "expertJudgment",
  "externalId",
] as const satisfies readonly (keyof SampleFilters)[];

/** The filters as query parameters, without the cursor: for links and for the API call. */
export function filtersToSearchParams(filters: SampleFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params;
}
