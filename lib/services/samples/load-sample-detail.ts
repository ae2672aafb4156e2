import "server-only";
import { pool } from "../../db/pool";
import { preparedQuery } from "../../db/prepared";
import type { RiskValue } from "../../domain/risk";
import { parseStoredJudges } from "../../domain/stored-judges";
import { routeVotes } from "../../domain/vote-route";
import { NotFoundError } from "../../errors";
import type { Prisma } from "../../generated/prisma";

export type SampleDetail = {
  id: number;
  externalId: string;
  dataset: string;
  question: string;
  thinking: string;
  answer: string;
  category: string;
  imageCondition: string;
  attack: string | null;
  source: string | null;
  model: string | null;
  meta: Prisma.JsonValue | null;
  image: { sha256: string; mime: string; width: number; height: number; byteSize: number; url: string } | null;
  route: string;
  consensus: RiskValue | null;
  /** A known label the import carried (ground truth for evaluation), and who gave it. */
  reference: { judgment: RiskValue; source: string } | null;
  judges: { name: string; analysis: string; judgment: RiskValue; minority: boolean }[];
  prelabel: PrelabelView | null;
  prelabels: PrelabelView[];
  /** True while the reader holds a second-opinion lease on this sample: the first decision stays unseen. */
  adjudicationsHidden: boolean;
  skips: { expert: string; reason: string; createdAt: string }[];
  flags: { expert: string; note: string; createdAt: string; resolvedAt: string | null }[];
  adjudications: {
    id: string;
    expert: string;
    kind: string;
    supports: string | null;
    judgment: RiskValue;
    analysis: string | null;
    span: [number, number] | null;
    round: string;
    createdAt: string;
  }[];
  createdAt: string;
  updatedAt: string;
};

type PrelabelView = {
  model: string;
  version: string;
  judgment: RiskValue;
  probabilities: { safe: number; potentially_harmful: number; harmful: number } | null;
  analysis: string | null;
  origin: string;
  /** SHA-256 of the system prompt the guard was queried with; null for a classifier or an imported pre-label. */
  promptSha256: string | null;
  createdAt: string;
};

/**
 * A sample with everything the sample page and the workspace show, in one query (Postgres builds the
 * nested lists), since it sits on the claim path and the sample API. Internal to the services, which
 * check permissions first. The decisions are hidden while `readerId` holds a second-opinion lease on the
 * sample, which keeps a second opinion blind to the first.
 */
export async function loadSampleDetail(id: number, readerId: string | null): Promise<SampleDetail> {
  const { rows } = await preparedQuery<SampleDetailRow>(pool(), SAMPLE_DETAIL_SQL, [id, readerId]);
  const sample = rows[0];
  if (!sample) throw new NotFoundError(`no sample with id ${id}`);
  return sampleDetailOf(sample);
}

/** The view of a row selected by `sampleDetailSelect`. */
export function sampleDetailOf(sample: SampleDetailRow): SampleDetail {
  const hidden = sample.decisions_hidden;
  const level = (text: string) => Number(text) as RiskValue;
  const iso = (text: string) => new Date(text).toISOString();
  const judges = parseStoredJudges(sample.judges);
  // A reference sample has no judges, and so no minority.
  const minority = new Set(judges.length === 0 ? [] : routeVotes(judges.map((judge) => judge.judgment)).minority);
  const prelabels = sample.prelabels.map((prelabel) => ({
    model: prelabel.model,
    version: prelabel.version,
    judgment: level(prelabel.judgment),
    probabilities:
      prelabel.p0 === null || prelabel.p05 === null || prelabel.p1 === null ? null : { safe: prelabel.p0, potentially_harmful: prelabel.p05, harmful: prelabel.p1 },
    analysis: prelabel.analysis,
    origin: prelabel.origin,
    promptSha256: prelabel.prompt_sha256,
    createdAt: iso(prelabel.created_at),
  }));
  return {
    id: sample.id,
    externalId: sample.external_id,
    dataset: sample.dataset,
    question: sample.question,
    thinking: sample.thinking,
    answer: sample.answer,
    category: sample.category,
    imageCondition: sample.image_condition,
    attack: sample.attack,
    source: sample.source,
    model: sample.model,
    meta: sample.meta,
    image: sample.sha256
      ? { sha256: sample.sha256, mime: sample.mime!, width: sample.width!, height: sample.height!, byteSize: sample.byte_size!, url: `/api/images/${sample.sha256}` }
      : null,
    route: sample.route,
    consensus: sample.consensus === null ? null : level(sample.consensus),
    reference: sample.reference_judgment === null ? null : { judgment: level(sample.reference_judgment), source: sample.reference_source ?? "" },
    judges: judges.map((judge, index) => ({ ...judge, minority: minority.has(index) })),
    prelabel: prelabels[0] ?? null,
    prelabels,
    adjudicationsHidden: hidden,
    skips: sample.skips.map((skip) => ({ expert: skip.expert, reason: skip.reason, createdAt: iso(skip.created_at) })),
    flags: sample.flags.map((flag) => ({ expert: flag.expert, note: flag.note, createdAt: iso(flag.created_at), resolvedAt: flag.resolved_at ? iso(flag.resolved_at) : null })),
    adjudications: (hidden ? [] : sample.adjudications).map((adjudication) => ({
      id: adjudication.id,
      expert: adjudication.expert,
      kind: adjudication.kind,
      supports: adjudication.supported_judge,
      judgment: level(adjudication.judgment),
      analysis: adjudication.analysis,
      span: adjudication.span_start !== null && adjudication.span_end !== null ? [adjudication.span_start, adjudication.span_end] : null,
      round: adjudication.round,
      createdAt: iso(adjudication.created_at),
    })),
    createdAt: sample.created_at.toISOString(),
    updatedAt: sample.updated_at.toISOString(),
  };
}

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
         s.consensus::text AS consensus, s.reference_judgment::text AS reference_judgment, s.reference_source, s.created_at, s.updated_at,
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
   WHERE s.id = ${idExpression}`;

export const SAMPLE_DETAIL_SQL = sampleDetailSelect("$1", "$2::uuid");
