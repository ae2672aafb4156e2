import "server-only";
import type { Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { UserError } from "../../errors";
import { metrics } from "../../metrics/metrics";
import { blindOrder } from "../../domain/blind-order";
import { preparedQuery } from "../../db/prepared";
import { leaseSeconds } from "../../queue/lease-duration";
import { parseInput } from "../parse-input";
import { sampleDetailOf, type SampleDetail } from "../samples/load-sample-detail";
import type { SampleDetailRow } from "../samples/sample-detail-sql";
import { claimExposure } from "../exposure/claim-exposure";
import type { BreakDue } from "../../exposure/work-stretch";
import { claimInputSchema, type QueueFilters } from "./queue-schemas";
import { claimStatement, type ClaimMode } from "./leases";
import { requireExpert } from "./require-expert";
import { explainEmptyQueue } from "../quality/explain-empty-queue";

/**
 * `judgeOrder`: the order blind mode shows the judges in, for this expert and sample (lib/domain/blind-order.ts);
 * `breakDue`: the break reminder safe viewing owes them (docs/safe-viewing.md).
 */
export type Claim = { sample: SampleDetail; round: "first" | "second"; leaseExpiresAt: string; judgeOrder: number[]; breakDue: BreakDue | null };

const MAX_ATTEMPTS = 8;

/**
 * Claims the next sample for an expert: their own unfinished lease first (the newest, which after an
 * undo is the sample taken back), otherwise the first queue item
 * in priority order that nobody holds. Rows are locked with SKIP LOCKED so concurrent claimers pass each
 * other, and the lease is written with a conditional upsert, so two experts can never hold one sample.
 * Returns null when the queue (under the filters) is empty, and refuses (403 or 409) when it is empty for
 * this expert because the quality control holds them back (docs/quality-control.md) or they reached a
 * daily cap they have not chosen to pass (docs/safe-viewing.md). With `ahead`, it takes the next sample
 * beside the one in hand (the workspace's claim-ahead: docs/adjudication.md).
 */
export async function claimNextSample(actor: Actor | null, rawFilters: unknown): Promise<Claim | null> {
  const { claims, claimDuration } = metrics();
  // The label is read off the raw input, so that a refused claim-ahead is counted as one too.
  const ahead = String(typeof rawFilters === "object" && rawFilters !== null && (rawFilters as { ahead?: unknown }).ahead === true);
  const end = claimDuration.startTimer();
  try {
    const claim = await claimFor(actor, rawFilters);
    claims.inc({ outcome: claim ? "claimed" : "empty", ahead });
    return claim;
  } catch (error) {
    if (error instanceof UserError) claims.inc({ outcome: "refused", ahead });
    throw error;
  } finally {
    end();
  }
}

async function claimFor(actor: Actor | null, rawFilters: unknown): Promise<Claim | null> {
  const expertId = requireExpert(actor);
  const { beyondCap = false, ahead = false, ...filters } = parseInput(claimInputSchema, rawFilters);
  const seconds = leaseSeconds();
  const claimed = await claim(expertId, filters, seconds, { beyondCap, ahead });
  if (!claimed) {
    // A claim-ahead that finds nothing says nothing: the claim after the current sample will explain.
    if (!ahead) await explainEmptyQueue(expertId, filters.dataset ?? null, beyondCap);
    return null;
  }
  // The workspace never shows a reference label or gold status: on a gold sample they are the answer being scored.
  const sample = { ...sampleDetailOf(claimed), reference: null, gold: null };
  const breakDue = await claimExposure(expertId, sample.id, beyondCap);
  return { sample, round: claimed.claim_round, leaseExpiresAt: claimed.lease_expires_at.toISOString(), judgeOrder: blindOrder(expertId, sample.id, sample.judges.length), breakDue };
}

type ClaimRow = SampleDetailRow & { claim_round: "first" | "second"; lease_expires_at: Date; claim_outcome: "leased" | "refused" };

async function claim(expertId: string, filters: QueueFilters, seconds: number, mode: ClaimMode): Promise<ClaimRow | null> {
  const { text, values } = claimStatement(expertId, filters, seconds, mode);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const { rows } = await preparedQuery<ClaimRow>(pool(), text, values);
    const row = rows[0];
    if (!row) return null;
    if (row.claim_outcome === "leased") return row;
    // A live lease appeared between the queue read and the upsert, which refused it: try the next item.
  }
  return null;
}
