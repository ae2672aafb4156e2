import type { Queryable } from "../../db/pool";
import { preparedQuery } from "../../db/prepared";
import type { Prisma } from "../../generated/prisma";

export type SampleDetailRow = {
  decisions_hidden: boolean;
  id: number;
  external_id: string;
  dataset: string;
  question: string;
  thinking: string;
  answer: string;
  category: string;
  image_condition: string;
  attack: string | null;
  source: string | null;
  model: string | null;
  meta: Prisma.JsonValue | null;
  route: string;
  consensus: string | null;
  reference_judgment: string | null;
  reference_source: string | null;
  gold_judgment: string | null;
  gold_explanation: string | null;
  gold_origin: string | null;
  created_at: Date;
  updated_at: Date;
  sha256: string | null;
  mime: string | null;
  width: number | null;
  height: number | null;
  byte_size: number | null;
  judges: unknown;
  prelabels: { model: string; version: string; judgment: string; p0: number | null; p05: number | null; p1: number | null; analysis: string | null; origin: string; prompt_sha256: string | null; created_at: string }[];
  adjudications: { id: string; expert: string; kind: string; supported_judge: string | null; judgment: string; analysis: string | null; span_start: number | null; span_end: number | null; round: string; created_at: string }[];
  skips: { expert: string; reason: string; created_at: string }[];
  flags: { expert: string; note: string; created_at: string; resolved_at: string | null }[];
};

const ADJUDICATIONS_JSON = `coalesce((SELECT json_agg(json_build_object('id', a.id, 'expert', u.email, 'kind', a.kind, 'supported_judge', a.supported_judge,
                                                     'judgment', a.judgment::text, 'analysis', a.analysis, 'span_start', a.span_start,
                                                     'span_end', a.span_end, 'round', a.round, 'created_at', a.created_at) ORDER BY a.created_at, a.id)
                     FROM adjudications a JOIN users u ON u.id = a.expert_id WHERE a.sample_id = s.id), '[]')`;

/**
 * The detail's SELECT for the sample whose id is `idExpression` (a parameter, or a column of an outer
 * query: the claim selects the detail of the sample it has just leased in the same statement).
 * `readerExpression` is the reading user (a uuid expression): the decisions are hidden while they hold a
 * second-opinion lease on the sample. Null is the claimant, who never sees them in the workspace, so they
 * are not built at all.
 */
export const sampleDetailSelect = (idExpression: string, readerExpression: string | null) => `
  SELECT ${
    readerExpression === null
      ? "true"
      : `EXISTS (SELECT 1 FROM leases l WHERE l.sample_id = s.id AND l.expert_id = ${readerExpression} AND l.round = 'second'
                   AND l.expires_at > now())`
  } AS decisions_hidden,
         s.id, s.external_id, d.name AS dataset, s.question, s.thinking, s.answer, s.category::text AS category,
         s.image_condition::text AS image_condition, s.attack, s.source, s.model, s.meta, s.route::text AS route,
         s.consensus::text AS consensus, s.reference_judgment::text AS reference_judgment, s.reference_source,
         g.judgment::text AS gold_judgment, g.explanation AS gold_explanation, g.origin::text AS gold_origin, s.created_at, s.updated_at,
         i.sha256, i.mime, i.width, i.height, i.byte_size,
         s.judges,
         coalesce((SELECT json_agg(json_build_object('model', p.model_name, 'version', p.model_version, 'judgment', p.judgment::text,
                                                     'p0', p.prob_safe, 'p05', p.prob_potential, 'p1', p.prob_harmful,
                                                     'analysis', p.analysis, 'origin', p.origin, 'prompt_sha256', p.prompt_sha256, 'created_at', p.created_at) ORDER BY p.created_at DESC, p.id DESC)
                     FROM prelabels p WHERE p.sample_id = s.id), '[]') AS prelabels,
         ${readerExpression === null ? "'[]'::json" : ADJUDICATIONS_JSON} AS adjudications,
         coalesce((SELECT json_agg(json_build_object('expert', u.email, 'reason', k.reason, 'created_at', k.created_at) ORDER BY k.created_at, k.id)
                     FROM queue_skips k JOIN users u ON u.id = k.expert_id WHERE k.sample_id = s.id), '[]') AS skips,
         coalesce((SELECT json_agg(json_build_object('expert', u.email, 'note', f.note, 'created_at', f.created_at, 'resolved_at', f.resolved_at) ORDER BY f.created_at, f.id)
                     FROM sample_flags f JOIN users u ON u.id = f.expert_id WHERE f.sample_id = s.id), '[]') AS flags
    FROM samples s JOIN datasets d ON d.id = s.dataset_id LEFT JOIN images i ON i.sha256 = s.image_sha256
         LEFT JOIN gold_items g ON g.sample_id = s.id
   WHERE s.id = ${idExpression}`;

export const SAMPLE_DETAIL_SQL = sampleDetailSelect("$1", "$2::uuid");

/** The sample's detail row as `readerId` may see it; null when there is no such sample. */
export async function sampleDetailRow(db: Queryable, id: number, readerId: string | null): Promise<SampleDetailRow | null> {
  const { rows } = await preparedQuery<SampleDetailRow>(db, SAMPLE_DETAIL_SQL, [id, readerId]);
  return rows[0] ?? null;
}
