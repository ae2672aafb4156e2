import { createHash } from "node:crypto";
import type { RiskValue } from "../domain/risk";
import { bucketOf } from "../queue/buckets";
import { routeVotes } from "../domain/vote-route";
import type { ImageMeta } from "./image-loader";
import type { ImportRecord } from "./record-schema";

export const IMPORTED_PRELABEL_VERSION = "imported";

/** A validated line, shaped for the database. */
export type PreparedSample = {
  lineNo: number;
  externalId: string;
  question: string;
  thinking: string;
  answer: string;
  category: ImportRecord["category"];
  imageCondition: ImportRecord["image_condition"];
  attack: string | null;
  source: string | null;
  model: string | null;
  meta: string | null;
  image: ImageMeta | null;
  contentHash: string;
  route: "unanimous" | "majority" | "no_majority";
  consensus: RiskValue | null;
  /** The judges' levels by name, as JSON: the pattern statistics group by. */
  votes: string;
  auditBucket: number;
  reviewBucket: number;
  judges: { name: string; analysis: string; judgment: RiskValue }[];
  prelabel: { model: string; version: string; analysis: string | null; judgment: RiskValue } | null;
};

export function prepareSample(lineNo: number, record: ImportRecord, image: ImageMeta | null): PreparedSample {
  const outcome = routeVotes(record.judges.map((judge) => judge.judgment));
  return {
    lineNo,
    externalId: record.id,
    question: record.question,
    thinking: record.thinking,
    answer: record.answer,
    category: record.category,
    imageCondition: record.image_condition,
    attack: record.attack ?? null,
    source: record.source ?? null,
    model: record.model ?? null,
    meta: record.meta ? JSON.stringify(record.meta) : null,
    image,
    // The image enters the hash by content, so replacing the file behind the same path is a change.
    contentHash: hashCanonical({ ...record, image: image?.sha256 ?? null }),
    route: outcome.route,
    consensus: outcome.consensus,
    votes: JSON.stringify(Object.fromEntries(record.judges.map((judge) => [judge.name, judge.judgment]))),
    auditBucket: bucketOf("audit", record.id),
    reviewBucket: bucketOf("review", record.id),
    judges: record.judges.map((judge) => ({ name: judge.name, analysis: judge.analysis, judgment: judge.judgment })),
    prelabel: record.prelabel
      ? {
          model: record.prelabel.model,
          version: record.prelabel.version ?? IMPORTED_PRELABEL_VERSION,
          analysis: record.prelabel.analysis ?? null,
          judgment: record.prelabel.judgment,
        }
      : null,
  };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function hashCanonical(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(canonical(value))).digest("hex");
}
