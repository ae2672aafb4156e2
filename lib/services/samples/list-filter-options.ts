import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { facetValues } from "./sample-sql";

export type FilterOptions = { datasets: string[]; attacks: string[]; sources: string[]; models: string[]; judges: string[] };

/** The values the filter form offers: what the imports met (the dataset facets), not a fixed list. */
export async function listFilterOptions(actor: Actor | null): Promise<FilterOptions> {
  assertCan(actor, "sample:read");
  const rows = await facetValues(pool());
  const options: FilterOptions = { datasets: [], attacks: [], sources: [], models: [], judges: [] };
  const listOf = { dataset: options.datasets, attack: options.attacks, source: options.sources, model: options.models, judge: options.judges };
  for (const row of rows) listOf[row.facet].push(row.value);
  return options;
}
