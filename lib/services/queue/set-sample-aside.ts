import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import type { Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { parseInput } from "../parse-input";
import { parseSampleId } from "../samples/sample-id";
import { lockHeld, release } from "./leases";
import { flagInputSchema, skipInputSchema } from "./queue-schemas";
import { requireExpert } from "./require-expert";

/** Passes on a held sample with a reason: it stays in the queue for the other experts, not for this one. */
export async function skipSample(actor: Actor | null, rawSampleId: unknown, body: unknown): Promise<{ sampleId: number }> {
  const { reason } = parseInput(skipInputSchema, body);
  return setAside(actor, rawSampleId, { action: "queue.skip", text: reason, after: { reason }, insert: `INSERT INTO queue_skips (sample_id, expert_id, reason) VALUES ($1, $2, $3)` });
}

/** Holds a sample back for discussion: released by the caller, out of everyone's queue until resolved. */
export async function flagSample(actor: Actor | null, rawSampleId: unknown, body: unknown): Promise<{ sampleId: number }> {
  const { note } = parseInput(flagInputSchema, body);
  return setAside(actor, rawSampleId, { action: "sample.flag", text: note, after: { note }, insert: `INSERT INTO sample_flags (sample_id, expert_id, note) VALUES ($1, $2, $3)` });
}

type Aside = { action: string; text: string; after: { reason: string } | { note: string }; insert: string };

/** Releases the caller's held sample with the row that keeps it aside: `insert` takes the sample, the expert and the text. */
async function setAside(actor: Actor | null, rawSampleId: unknown, { action, text, after, insert }: Aside): Promise<{ sampleId: number }> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  return inTransaction(async (client) => {
    await lockHeld(client, sampleId, expertId, { requireLive: false });
    await client.query(insert, [sampleId, expertId, text]);
    await release(client, sampleId);
    await appendAuditEvent(client, { actor: actor!, action, entityType: "sample", entityId: String(sampleId), after });
    return { sampleId };
  });
}
