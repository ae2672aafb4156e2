import "server-only";
import type { Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { ConflictError } from "../../errors";
import { leaseSeconds } from "../../queue/lease-duration";
import { parseSampleId } from "../samples/sample-id";
import { requireExpert } from "./require-expert";

/**
 * Extends the caller's lease while the workspace is open. A lease that ran out but that nobody else
 * claimed is still the caller's, so it is renewed too; one another expert took is a 409.
 */
export async function renewLease(actor: Actor | null, rawSampleId: unknown): Promise<{ leaseExpiresAt: string }> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  const { rows } = await pool().query<{ expires_at: Date }>(
    `UPDATE leases SET expires_at = now() + make_interval(secs => $3) WHERE sample_id = $1 AND expert_id = $2 RETURNING expires_at`,
    [sampleId, expertId, leaseSeconds()],
  );
  if (!rows[0]) throw new ConflictError("You no longer hold this sample.");
  return { leaseExpiresAt: rows[0].expires_at.toISOString() };
}
