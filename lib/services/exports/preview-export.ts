import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { exportOptionsSchema, kindsOf, modalityCondition, type ExampleKind } from "../../export/export-options";
import { parseInput } from "../parse-input";

/**
 * How many samples each kind would draw on under these filters, before exporting. (OGDPO with every
 * pair may write more rows than samples; rows without a rejected side are skipped.)
 */
export async function previewExport(actor: Actor | null, body: unknown): Promise<Record<ExampleKind, number | null>> {
  assertCan(actor, "export:create");
  const options = parseInput(exportOptionsSchema, body);
  const result: Record<ExampleKind, number | null> = { sft: null, dpo: null, ogdpo: null };
  for (const kind of kindsOf(options.kind)) {
    const which =
      kind === "sft"
        ? options.includeExpertConfirmed
          ? "(s.route = 'unanimous' OR EXISTS (SELECT 1 FROM adjudications a WHERE a.sample_id = s.id AND a.round = 'first'))"
          : "s.route = 'unanimous'"
        : kind === "dpo"
          ? "s.route = 'majority'"
          : `EXISTS (SELECT 1 FROM adjudications a WHERE a.sample_id = s.id AND a.round = 'first'
                       AND ($4::date IS NULL OR a.created_at >= $4::date) AND ($5::date IS NULL OR a.created_at < $5::date))`;
    const dates = kind === "ogdpo" ? "" : `AND ($4::date IS NULL OR s.created_at >= $4::date) AND ($5::date IS NULL OR s.created_at < $5::date)`;
    const { rows } = await pool().query<{ count: number }>(
      `SELECT count(*)::int AS count FROM samples s
        WHERE ${which}
          AND ($1::text IS NULL OR s.dataset_id = (SELECT id FROM datasets WHERE name = $1))
          AND ($2::text IS NULL OR s.category::text = $2)
          AND ($3::text IS NULL OR s.image_condition::text = $3) ${dates} ${modalityCondition(options.modality)}`,
      [options.dataset ?? null, options.category ?? null, options.imageCondition ?? null, options.from ?? null, options.to ?? null],
    );
    result[kind] = rows[0]!.count;
  }
  return result;
}
