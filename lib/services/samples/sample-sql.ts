import type { Queryable } from "../../db/pool";

export type FacetValue = { facet: "dataset" | "attack" | "source" | "model" | "judge"; value: string };

/** Every value the imports met, per facet (the dataset names among them), in order. */
export async function facetValues(db: Queryable): Promise<FacetValue[]> {
  const { rows } = await db.query<FacetValue>(
    `SELECT 'dataset' AS facet, name AS value FROM datasets
     UNION SELECT facet::text, value FROM dataset_facets
     ORDER BY 2`,
  );
  return rows;
}
