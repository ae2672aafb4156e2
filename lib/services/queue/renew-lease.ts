import "server-only";
import type { Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { ConflictError } from "../../errors";
import { leaseSeconds } from "../../queue/lease-duration";
import { parseSampleId } from "../samples/sample-id";
import { renewGold } from "../quality/gold-sql";
import { renew } from "./leases";
import { requireExpert } from "./require-expert";

/**
 * Extends the caller's lease while the workspace is open. A lease that ran out but that nobody else
 * claimed is still the caller's, so it is renewed too; one another expert took is a 409. A gold sample the
 * caller holds is renewed the same way.
 */
export async function renewLease(actor: Actor | null, rawSampleId: unknown): Promise<{ leaseExpiresAt: string }> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  const expiresAt = (await renew(pool(), sampleId, expertId, leaseSeconds())) ?? (await renewGold(pool(), sampleId, expertId, leaseSeconds()));
  if (!expiresAt) throw new ConflictError("You no longer hold this sample.");
  return { leaseExpiresAt: expiresAt.toISOString() };
}
