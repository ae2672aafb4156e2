import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { can } from "../../auth/permissions";
import { db } from "../../db/prisma";
import { riskValueOf, type RiskValue } from "../../domain/risk";
import { parseStoredJudges } from "../../domain/stored-judges";
import { routeVotes } from "../../domain/vote-route";
import { ValidationError } from "../../errors";
import { zodFieldErrors } from "../../validation";
import { sampleFiltersSchema, VOTE_ROUTES } from "./sample-filters";
import { sampleWhere } from "./sample-where";

export type SampleListItem = {
  id: number;
  externalId: string;
  dataset: string;
  category: string;
  imageCondition: string;
  attack: string | null;
  source: string | null;
  model: string | null;
  route: string;
  consensus: RiskValue | null;
  reference: { judgment: RiskValue; source: string } | null;
  /** Gold (docs/quality-control.md); always false for a reader scored on gold samples. */
  gold: boolean;
  question: string;
  hasImage: boolean;
  /** The image's address for a list thumbnail (shown blurred: docs/safe-viewing.md). */
  imageUrl: string | null;
  /** The judges' verdicts, with the odd one out of a 2:1 split marked. */
  judges: { name: string; judgment: RiskValue; minority: boolean }[];
  /** The newest guard pre-label. */
  prelabel: { model: string; judgment: RiskValue } | null;
  /** The experts' verdicts by round; empty while the reader gives the sample's second opinion, which stays blind. */
  decisions: { round: "first" | "second"; judgment: RiskValue }[];
  adjudications: number;
};

export type SampleListPage = {
  items: SampleListItem[];
  nextCursor: number | null;
  /** Only on the first page (no cursor): the number of matches, and per route ignoring the route filter. */
  counts?: { total: number; byRoute: Record<(typeof VOTE_ROUTES)[number], number> };
};

const DEFAULT_LIMIT = 50;
const QUESTION_PREVIEW = 240;

export async function listSamples(actor: Actor | null, rawFilters: unknown): Promise<SampleListPage> {
  assertCan(actor, "sample:read");
  const parsed = sampleFiltersSchema.safeParse(rawFilters);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  const filters = parsed.data;
  const limit = filters.limit ?? DEFAULT_LIMIT;
  const where = sampleWhere(filters);
  const rows = await db().sample.findMany({
    where: { ...where, ...(filters.cursor ? { id: { gt: filters.cursor } } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: {
      id: true,
      externalId: true,
      category: true,
      imageCondition: true,
      attack: true,
      source: true,
      model: true,
      route: true,
      consensus: true,
      referenceJudgment: true,
      referenceSource: true,
      question: true,
      imageSha256: true,
      dataset: { select: { name: true } },
      judges: true,
      gold: { select: { sampleId: true } },
      prelabels: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { modelName: true, judgment: true } },
      adjudications: { orderBy: { round: "asc" }, select: { round: true, judgment: true } },
      lease: { select: { expertId: true, round: true, expiresAt: true } },
    },
  });
  const page = rows.slice(0, limit);
  // A reader scored on gold samples learns neither which samples are gold nor the references that make them so.
  const seesGold = can("gold:read", actor.role);
  const now = new Date();
  const items = page.map((row) => ({
    id: row.id,
    externalId: row.externalId,
    dataset: row.dataset.name,
    category: row.category,
    imageCondition: row.imageCondition,
    attack: row.attack,
    source: row.source,
    model: row.model,
    route: row.route,
    consensus: row.consensus ? riskValueOf(row.consensus) : null,
    reference: row.referenceJudgment && (seesGold || !row.gold) ? { judgment: riskValueOf(row.referenceJudgment), source: row.referenceSource ?? "" } : null,
    gold: seesGold && row.gold !== null,
    question: row.question.length > QUESTION_PREVIEW ? `${row.question.slice(0, QUESTION_PREVIEW)}…` : row.question,
    hasImage: row.imageSha256 !== null,
    imageUrl: row.imageSha256 === null ? null : `/api/images/${row.imageSha256}`,
    judges: withMinority(parseStoredJudges(row.judges)),
    prelabel: row.prelabels[0] ? { model: row.prelabels[0].modelName, judgment: riskValueOf(row.prelabels[0].judgment) } : null,
    decisions: blindTo(actor, row.lease, now) ? [] : row.adjudications.map((decision) => ({ round: decision.round, judgment: riskValueOf(decision.judgment) })),
    adjudications: row.adjudications.length,
  }));
  const nextCursor = rows.length > limit ? page[page.length - 1]!.id : null;
  if (filters.cursor) return { items, nextCursor };
  return { items, nextCursor, counts: await countSamples(filters) };
}

async function countSamples(filters: Parameters<typeof sampleWhere>[0]): Promise<NonNullable<SampleListPage["counts"]>> {
  const groups = await db().sample.groupBy({ by: ["route"], where: sampleWhere({ ...filters, route: undefined }), _count: { _all: true } });
  const byRoute = Object.fromEntries(VOTE_ROUTES.map((route) => [route, 0])) as Record<(typeof VOTE_ROUTES)[number], number>;
  for (const group of groups) byRoute[group.route] = group._count._all;
  const total = filters.route ? byRoute[filters.route] : Object.values(byRoute).reduce((sum, count) => sum + count, 0);
  return { total, byRoute };
}

function withMinority(judges: { name: string; judgment: RiskValue }[]): SampleListItem["judges"] {
  const minority = new Set(judges.length === 0 ? [] : routeVotes(judges.map((judge) => judge.judgment)).minority);
  return judges.map((judge, index) => ({ name: judge.name, judgment: judge.judgment, minority: minority.has(index) }));
}

/** Whether the reader holds the sample's second-opinion lease now: then its first decision stays unseen, as on the sample page. */
function blindTo(actor: Actor, lease: { expertId: string; round: string; expiresAt: Date } | null, now: Date): boolean {
  return lease !== null && lease.expertId === actor.userId && lease.round === "second" && lease.expiresAt > now;
}
