import type { Queryable } from "../../db/pool";
import { modalityCondition, type ExampleKind, type ExportOptions } from "../../export/export-options";
import { CHAT_TEMPLATE_TOKENS } from "../../export/row-length";

/** An estimate before the click: from stored counts, the longest judge analysis as the completion. */
export type LengthEstimate = { p50: number | null; p95: number | null; max: number | null; overMaxLength: number; uncounted: number };

// The export page's preview: the counts and lengths of what an export with these options would draw on,
// with the same filters the export applies.

function filterParams(options: ExportOptions): unknown[] {
  return [options.dataset ?? null, options.category ?? null, options.imageCondition ?? null, options.from ?? null, options.to ?? null];
}

function kindCondition(kind: ExampleKind, options: ExportOptions): string {
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
  return `${which}
    AND ($1::text IS NULL OR s.dataset_id = (SELECT id FROM datasets WHERE name = $1))
    AND ($2::text IS NULL OR s.category::text = $2)
    AND ($3::text IS NULL OR s.image_condition::text = $3) ${dates} ${modalityCondition(options.modality)}`;
}

/** How many samples one kind would draw on under the filters. */
export async function countKindSamples(db: Queryable, kind: ExampleKind, options: ExportOptions): Promise<number> {
  const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM samples s WHERE ${kindCondition(kind, options)}`, filterParams(options));
  return rows[0]!.count;
}

/**
 * How many OGDPO pairs the decided samples under the filters would give (read-examples.ts builds them):
 * each judge whose level differs from the first decision's, and the newest pre-label when it differs and
 * has an analysis, is a rejected side; `pairs: "first"` keeps one per sample that has any.
 */
export async function countOgdpoPairs(db: Queryable, options: ExportOptions): Promise<number> {
  const { rows } = await db.query<{ pairs: number }>(
    `SELECT coalesce(sum(CASE WHEN $6 THEN c.n ELSE least(c.n, 1) END), 0)::int AS pairs
       FROM samples s
       JOIN adjudications a ON a.sample_id = s.id AND a.round = 'first'
      CROSS JOIN LATERAL (
        SELECT (SELECT count(*) FROM jsonb_array_elements(s.judges) j WHERE (j->>'judgment')::numeric <> a.judgment::text::numeric)
             + (SELECT count(*) FROM (SELECT p.judgment, p.analysis FROM prelabels p WHERE p.sample_id = s.id ORDER BY p.created_at DESC LIMIT 1) newest
                 WHERE newest.judgment <> a.judgment AND newest.analysis IS NOT NULL) AS n) c
      WHERE ${kindCondition("ogdpo", options)}`,
    [...filterParams(options), options.pairs === "all"],
  );
  return rows[0]!.pairs;
}

/** The token lengths of the rows the kinds would write, from the stored counts (the guard profile `profileSha`'s fixed part included). */
export async function estimateLengths(db: Queryable, options: ExportOptions, kinds: ExampleKind[], profileSha: string): Promise<LengthEstimate> {
  const conditions = kinds.map((kind) => kindCondition(kind, options));
  const { rows: profileRows } = await db.query<{ fixed: number | null }>(
    `SELECT system_prompt_tokens + template_tokens AS fixed FROM guard_profiles WHERE system_prompt_sha256 = $1`,
    [profileSha],
  );
  const fixed = profileRows[0]?.fixed;
  const params = [...filterParams(options), (fixed ?? 0) + CHAT_TEMPLATE_TOKENS, options.maxLength];
  const { rows } = await db.query<{ p50: number | null; p95: number | null; max: number | null; over: number; uncounted: number; total: number }>(
    `WITH picked AS (
       SELECT s.token_counts, i.width, i.height FROM samples s LEFT JOIN images i ON i.sha256 = s.image_sha256
        WHERE ${conditions.map((condition) => `(${condition})`).join(" OR ")}),
     measured AS (
       SELECT $6::int + (token_counts->>'user')::int
                + coalesce((SELECT max(value::int) FROM jsonb_array_elements_text(token_counts->'judges') AS j(value)), 0)
                + CASE WHEN width IS NULL THEN 0 ELSE greatest(4, round(width / 28.0) * round(height / 28.0))::int + 2 END AS tokens
         FROM picked WHERE token_counts IS NOT NULL)
     SELECT (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY tokens) FROM measured) AS p50,
            (SELECT percentile_disc(0.95) WITHIN GROUP (ORDER BY tokens) FROM measured) AS p95,
            (SELECT max(tokens) FROM measured) AS max,
            (SELECT count(*)::int FROM measured WHERE tokens > $7) AS over,
            (SELECT count(*)::int FROM picked WHERE token_counts IS NULL) AS uncounted,
            (SELECT count(*)::int FROM picked) AS total`,
    params,
  );
  const row = rows[0]!;
  // Until the worker has counted the profile itself, no row can be measured.
  if (fixed === null || fixed === undefined) return { p50: null, p95: null, max: null, overMaxLength: 0, uncounted: row.total };
  return { p50: row.p50, p95: row.p95, max: row.max, overMaxLength: row.over, uncounted: row.uncounted };
}
