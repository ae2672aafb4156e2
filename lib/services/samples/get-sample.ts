import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { loadSampleDetail, type SampleDetail } from "./load-sample-detail";
import { parseSampleId } from "./sample-id";

export type { SampleDetail } from "./load-sample-detail";

/** One sample for the sample page and `GET /api/v1/samples/{id}`: blind to the decisions while the reader holds its second opinion. */
export async function getSample(actor: Actor | null, rawId: unknown): Promise<SampleDetail> {
  assertCan(actor, "sample:read");
  return loadSampleDetail(parseSampleId(rawId), actor.userId ?? null);
}
