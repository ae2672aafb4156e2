import "server-only";
import { z } from "zod";
import { assertCan, type Actor } from "../../auth/actor";
import { inReadOnlySnapshot } from "../../db/pool";
import { NotFoundError } from "../../errors";
import { statsFromAggregates } from "../../stats/dataset-stats";
import { readStatsAggregates } from "../../stats/read-stats-aggregates";
import type { DatasetStats } from "../../stats/stats-types";
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
    let datasetId: string | null = null;
    if (dataset) {
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM datasets WHERE name = $1`, [dataset]);
      if (!rows[0]) throw new NotFoundError(`no dataset named ${dataset}`);
      datasetId = rows[0].id;
    }
    return statsFromAggregates(await readStatsAggregates(client, datasetId));
  });
}
