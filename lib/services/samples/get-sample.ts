import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { can } from "../../auth/permissions";
import { loadSampleDetail, type SampleDetail } from "./load-sample-detail";
import { parseSampleId } from "./sample-id";

export type { SampleDetail } from "./load-sample-detail";

/**
 * One sample for the sample page and `GET /api/v1/samples/{id}`: blind to the decisions while the reader
 * holds its second opinion, and, for a reader scored on gold samples, silent about a gold sample's answer
 * (its gold status and the reference label it came from).
 */
export async function getSample(actor: Actor | null, rawId: unknown): Promise<SampleDetail> {
  assertCan(actor, "sample:read");
  const sample = await loadSampleDetail(parseSampleId(rawId), actor.userId ?? null);
  if (sample.gold === null || can("gold:read", actor.role)) return sample;
  return { ...sample, gold: null, reference: null };
}
