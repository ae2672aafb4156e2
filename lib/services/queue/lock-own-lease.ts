import type pg from "pg";
import { ConflictError, NotFoundError } from "../../errors";

export type LockedLease = { round: "first" | "second"; created_at: Date; expires_at: Date; live: boolean };

/**
 * Locks the sample's lease for the rest of the transaction and checks that the caller holds it:
 * 404 for a sample that does not exist, 409 for a lease that is someone else's, missing or (when
 * `requireLive`) expired.
 */
export async function lockOwnLease(
  client: pg.ClientBase,
  sampleId: number,
  expertId: string,
  options: { requireLive: boolean },
): Promise<LockedLease> {
  const { rows } = await client.query<LockedLease & { expert_id: string }>(
    `SELECT expert_id, round, created_at, expires_at, expires_at > now() AS live FROM leases WHERE sample_id = $1 FOR UPDATE`,
    [sampleId],
  );
  const lease = rows[0];
  if (!lease) {
    const exists = await client.query(`SELECT 1 FROM samples WHERE id = $1`, [sampleId]);
    if (exists.rowCount === 0) throw new NotFoundError(`no sample with id ${sampleId}`);
  }
  if (!lease || lease.expert_id !== expertId) {
    throw new ConflictError("You do not hold this sample: claim it through the queue first.");
  }
  if (options.requireLive && !lease.live) {
    throw new ConflictError("Your lease on this sample expired and it went back to the queue. Claim it again to decide.");
  }
  return lease;
}
