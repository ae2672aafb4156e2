import { hash } from "node:crypto";
import type { RiskValue } from "../domain/risk";
import { bucketOf } from "../queue/buckets";
import { routeVotes, type VoteRouteName } from "../domain/vote-route";
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
  route: VoteRouteName | "reference";
  consensus: RiskValue | null;
  /** The judges' levels by name, as JSON: the pattern statistics group by. */
  votes: string;
  /** The judges as `samples.judges` stores them (the import format's array), as JSON. */
  judgesJson: string;
  auditBucket: number;
  reviewBucket: number;
  judges: { name: string; analysis: string; judgment: RiskValue }[];
  prelabel: { model: string; version: string; analysis: string | null; judgment: RiskValue } | null;
  reference: { judgment: RiskValue; source: string; explanation: string | null } | null;
  imageName: string | null;
};

/** A sample without judges has only its reference label: it is ground truth, never routed to experts. */
const REFERENCE_ONLY = { route: "reference", consensus: null } as const;

export function prepareSample(lineNo: number, record: ImportRecord, image: ImageMeta | null, imageName: string | null = null): PreparedSample {
  const outcome = record.judges.length === 0 ? REFERENCE_ONLY : routeVotes(record.judges.map((judge) => judge.judgment));
  const judges = record.judges.map((judge) => ({ name: judge.name, analysis: judge.analysis, judgment: judge.judgment }));
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
    judgesJson: JSON.stringify(judges),
    auditBucket: bucketOf("audit", record.id),
    reviewBucket: bucketOf("review", record.id),
    judges,
    prelabel: record.prelabel
      ? {
          model: record.prelabel.model,
          version: record.prelabel.version ?? IMPORTED_PRELABEL_VERSION,
          analysis: record.prelabel.analysis ?? null,
          judgment: record.prelabel.judgment,
        }
      : null,
    reference: record.reference
      ? { judgment: record.reference.judgment, source: record.reference.source, explanation: record.reference.explanation ?? null }
      : null,
    imageName,
  };
}

/**
 * JSON with object keys sorted and undefined members left out: the same text for the same content
 * whatever the key order of the line. Written out directly, not through a sorted copy, because it runs
 * once per imported line.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      if (record[key] !== undefined) members.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    }
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}

export function hashCanonical(value: unknown): string {
  return hash("sha256", canonicalJson(value));
}
