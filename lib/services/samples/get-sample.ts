import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { loadSampleDetail, type SampleDetail } from "./load-sample-detail";
import { parseSampleId } from "./sample-id";

export type { SampleDetail } from "./load-sample-detail";

/** One sample for the sample page and `GET /api/v1/samples/{id}`. */
export async function getSample(actor: Actor | null, rawId: unknown): Promise<SampleDetail> {
  assertCan(actor, "sample:read");
  const id = parseSampleId(rawId);
  return loadSampleDetail(id, { hideAdjudications: actor.userId ? await holdsSecondOpinion(actor.userId, id) : false });
}

async function holdsSecondOpinion(userId: string, sampleId: number): Promise<boolean> {
  const { rowCount } = await pool().query(
    `SELECT 1 FROM leases WHERE sample_id = $1 AND expert_id = $2 AND round = 'second' AND expires_at > now()`,
    [sampleId, userId],
  );
  return (rowCount ?? 0) > 0;
}
