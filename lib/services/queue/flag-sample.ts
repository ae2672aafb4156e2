import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import type { Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { parseInput } from "../parse-input";
import { parseSampleId } from "../samples/sample-id";
import { lockOwnLease } from "./lock-own-lease";
import { flagInputSchema } from "./queue-schemas";
import { requireExpert } from "./require-expert";

/** Holds a sample back for discussion: released by the caller, out of everyone's queue until resolved. */
export async function flagSample(actor: Actor | null, rawSampleId: unknown, body: unknown): Promise<{ sampleId: number }> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  const { note } = parseInput(flagInputSchema, body);
  return inTransaction(async (client) => {
    await lockOwnLease(client, sampleId, expertId, { requireLive: false });
    await client.query(`INSERT INTO sample_flags (sample_id, expert_id, note) VALUES ($1, $2, $3)`, [sampleId, expertId, note]);
    await client.query(`DELETE FROM leases WHERE sample_id = $1`, [sampleId]);
    await appendAuditEvent(client, { actor: actor!, action: "sample.flag", entityType: "sample", entityId: String(sampleId), after: { note } });
    return { sampleId };
  });
}
