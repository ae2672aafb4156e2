import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "../../auth/actor";
import { inReadOnlySnapshot } from "../../db/pool";
import { statsFromAggregates } from "../../stats/dataset-stats";
import { readStatsAggregates } from "../../stats/read-stats-aggregates";
import type { DatasetStats } from "../../stats/stats-types";
import { datasetScope } from "../datasets/dataset-sql";
import { parseInput } from "../parse-input";

export const statsQuerySchema = z.object({
  dataset: z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().min(1).max(200).optional()),
});

/** The agreement statistics for one dataset, or for all when none is named. */
export async function getDatasetStats(actor: Actor | null, query: unknown): Promise<DatasetStats> {
  assertCan(actor, "stats:read");
  const { dataset } = parseInput(statsQuerySchema, query);
  // One snapshot for every aggregate, so the figures agree with each other under concurrent writes.
  return inReadOnlySnapshot(async (client) => {
    const datasetId = await datasetScope(client, dataset);
    return statsFromAggregates(await readStatsAggregates(client, datasetId));
  });
}
