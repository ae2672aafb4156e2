import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import type { Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { parseInput } from "../parse-input";
import { parseSampleId } from "../samples/sample-id";
import { lockOwnLease } from "./lock-own-lease";
import { skipInputSchema } from "./queue-schemas";
import { requireExpert } from "./require-expert";

/** Passes on a held sample with a reason: it stays in the queue for the other experts, not for this one. */
export async function skipSample(actor: Actor | null, rawSampleId: unknown, body: unknown): Promise<{ sampleId: number }> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  const { reason } = parseInput(skipInputSchema, body);
  return inTransaction(async (client) => {
    await lockOwnLease(client, sampleId, expertId, { requireLive: false });
    await client.query(`INSERT INTO queue_skips (sample_id, expert_id, reason) VALUES ($1, $2, $3)`, [sampleId, expertId, reason]);
    await client.query(`DELETE FROM leases WHERE sample_id = $1`, [sampleId]);
    await appendAuditEvent(client, { actor: actor!, action: "queue.skip", entityType: "sample", entityId: String(sampleId), after: { reason } });
    return { sampleId };
  });
}
