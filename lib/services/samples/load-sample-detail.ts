import "server-only";
import { pool } from "../../db/pool";
import type { RiskValue } from "../../domain/risk";
import { parseStoredJudges } from "../../domain/stored-judges";
import { routeVotes } from "../../domain/vote-route";
import { NotFoundError } from "../../errors";
import type { Prisma } from "../../generated/prisma";
import { sampleDetailRow, type SampleDetailRow } from "./sample-detail-sql";

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
  /** The known answer when the sample is gold (docs/quality-control.md); callers hide it from the experts it scores. */
  gold: { judgment: RiskValue; explanation: string | null; origin: "reference" | "promoted" } | null;
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
  const sample = await sampleDetailRow(pool(), id, readerId);
  if (!sample) throw new NotFoundError(`no sample with id ${id}`);
  return sampleDetailOf(sample);
}

/** The view of a row selected by `sampleDetailSelect` (sample-detail-sql.ts). */
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
    gold: sample.gold_judgment === null ? null : { judgment: level(sample.gold_judgment), explanation: sample.gold_explanation, origin: sample.gold_origin as "reference" | "promoted" },
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
