import "server-only";
import type { Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { parseSampleId } from "../samples/sample-id";
import { lockOpenGold, withdrawOpenGold } from "../quality/gold-sql";
import { lockHeld, release } from "./leases";
import { requireExpert } from "./require-expert";

/**
 * Gives back a sample the caller holds and has not decided (the workspace's unused claim-ahead, when it
 * closes): back in the queue for anyone, or an unanswered gold sample withdrawn. 409 when they do not
 * hold it; a second call for the same sample is that 409, which the workspace ignores.
 */
export async function releaseHold(actor: Actor | null, rawSampleId: unknown): Promise<{ sampleId: number }> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  return inTransaction(async (client) => {
    const gold = await lockOpenGold(client, sampleId, expertId);
    if (gold) await withdrawOpenGold(client, gold.id);
    else {
      await lockHeld(client, sampleId, expertId, { requireLive: false });
      await release(client, sampleId);
    }
    return { sampleId };
  });
}
