import "server-only";
import { db } from "../../db/prisma";
import { riskValueOf, type RiskValue } from "../../domain/risk";
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
  createdAt: string;
};

/**
 * A sample with everything the sample page and the workspace show. Internal to the services, which check
 * permissions first; `hideAdjudications` keeps a second opinion blind to the first.
 */
export async function loadSampleDetail(id: number, options: { hideAdjudications?: boolean } = {}): Promise<SampleDetail> {
  const sample = await db().sample.findUnique({
    where: { id },
    include: {
      dataset: { select: { name: true } },
      image: true,
      judges: { orderBy: { position: "asc" } },
      prelabels: { orderBy: { createdAt: "desc" } },
      adjudications: { orderBy: { createdAt: "asc" }, include: { expert: { select: { email: true } } } },
      skips: { orderBy: { createdAt: "asc" }, include: { expert: { select: { email: true } } } },
      flags: { orderBy: { createdAt: "asc" }, include: { expert: { select: { email: true } } } },
    },
  });
  if (!sample) throw new NotFoundError(`no sample with id ${id}`);
  const votes = sample.judges.map((judge) => riskValueOf(judge.judgment));
  const minority = new Set(routeVotes(votes).minority);
  const prelabels = sample.prelabels.map((prelabel) => ({
    model: prelabel.modelName,
    version: prelabel.modelVersion,
    judgment: riskValueOf(prelabel.judgment),
    probabilities:
      prelabel.probSafe === null || prelabel.probPotential === null || prelabel.probHarmful === null
        ? null
        : { safe: prelabel.probSafe, potentially_harmful: prelabel.probPotential, harmful: prelabel.probHarmful },
    analysis: prelabel.analysis,
    origin: prelabel.origin,
    createdAt: prelabel.createdAt.toISOString(),
  }));
  return {
    id: sample.id,
    externalId: sample.externalId,
    dataset: sample.dataset.name,
    question: sample.question,
    thinking: sample.thinking,
    answer: sample.answer,
    category: sample.category,
    imageCondition: sample.imageCondition,
    attack: sample.attack,
    source: sample.source,
    model: sample.model,
    meta: sample.meta,
    image: sample.image
      ? {
          sha256: sample.image.sha256,
          mime: sample.image.mime,
          width: sample.image.width,
          height: sample.image.height,
          byteSize: sample.image.byteSize,
          url: `/api/images/${sample.image.sha256}`,
        }
      : null,
    route: sample.route,
    consensus: sample.consensus ? riskValueOf(sample.consensus) : null,
    judges: sample.judges.map((judge, index) => ({
      name: judge.judge,
      analysis: judge.analysis,
      judgment: riskValueOf(judge.judgment),
      minority: minority.has(index),
    })),
    prelabel: prelabels[0] ?? null,
    prelabels,
    adjudicationsHidden: Boolean(options.hideAdjudications),
    skips: sample.skips.map((skip) => ({ expert: skip.expert.email, reason: skip.reason, createdAt: skip.createdAt.toISOString() })),
    flags: sample.flags.map((flag) => ({
      expert: flag.expert.email,
      note: flag.note,
      createdAt: flag.createdAt.toISOString(),
      resolvedAt: flag.resolvedAt?.toISOString() ?? null,
    })),
    adjudications: (options.hideAdjudications ? [] : sample.adjudications).map((adjudication) => ({
      id: adjudication.id,
      expert: adjudication.expert.email,
      kind: adjudication.kind,
      supports: adjudication.supportedJudge,
      judgment: riskValueOf(adjudication.judgment),
      analysis: adjudication.analysis,
      span: adjudication.spanStart !== null && adjudication.spanEnd !== null ? [adjudication.spanStart, adjudication.spanEnd] : null,
      round: adjudication.round,
      createdAt: adjudication.createdAt.toISOString(),
    })),
    createdAt: sample.createdAt.toISOString(),
    updatedAt: sample.updatedAt.toISOString(),
  };
}
