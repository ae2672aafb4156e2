import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { db } from "../../db/prisma";

export type FilterOptions = { datasets: string[]; attacks: string[]; sources: string[]; models: string[]; judges: string[] };

/** The values the filter form offers: what occurs in the store, not a fixed list. */
export async function listFilterOptions(actor: Actor | null): Promise<FilterOptions> {
  assertCan(actor, "sample:read");
  // The column comes from this fixed union, never from input.
  const distinct = async (column: "attack" | "source" | "model") => {
    const { rows } = await pool().query<{ value: string }>(
      `SELECT DISTINCT ${column} AS value FROM samples WHERE ${column} IS NOT NULL ORDER BY 1`,
    );
    return rows.map((row) => row.value);
  };
  const [datasets, attacks, sources, models, judges] = await Promise.all([
    db().dataset.findMany({ select: { name: true }, orderBy: { name: "asc" } }).then((rows) => rows.map((row) => row.name)),
    distinct("attack"),
    distinct("source"),
    distinct("model"),
    db().judgeVerdict.findMany({ distinct: ["judge"], select: { judge: true }, orderBy: { judge: "asc" } }).then((rows) => rows.map((row) => row.judge)),
  ]);
  return { datasets, attacks, sources, models, judges };
}
