import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import type { Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { parseInput } from "../parse-input";
import { parseSampleId } from "../samples/sample-id";
import { postToThread } from "../discussion/add-comment";
import { lockOpenGold, setGoldAside } from "../quality/gold-sql";
import { insertAside } from "./decision-sql";
import { lockHeld, release } from "./leases";
import { flagInputSchema, skipInputSchema } from "./queue-schemas";
import { requireExpert } from "./require-expert";

/** Passes on a held sample with a reason: it stays in the queue for the other experts, not for this one. */
export async function skipSample(actor: Actor | null, rawSampleId: unknown, body: unknown): Promise<{ sampleId: number }> {
  const { reason } = parseInput(skipInputSchema, body);
  return setAside(actor, rawSampleId, { action: "queue.skip", text: reason, after: { reason }, kind: "skip" });
}

/** Holds a sample back for discussion: released by the caller, out of everyone's queue until resolved. */
export async function flagSample(actor: Actor | null, rawSampleId: unknown, body: unknown): Promise<{ sampleId: number }> {
  const { note } = parseInput(flagInputSchema, body);
  return setAside(actor, rawSampleId, { action: "sample.flag", text: note, after: { note }, kind: "flag" });
}

type Aside = { action: string; text: string; after: { reason: string } | { note: string }; kind: "skip" | "flag" };

/** Releases the caller's held sample with the row that keeps it aside (a skip or a flag, with its text). */
async function setAside(actor: Actor | null, rawSampleId: unknown, { action, text, after, kind }: Aside): Promise<{ sampleId: number }> {
  const expertId = requireExpert(actor);
  const sampleId = parseSampleId(rawSampleId);
  return inTransaction(async (client) => {
    // A gold sample set aside is closed unscored; a flag on it still opens the discussion, as on any sample.
    const gold = await lockOpenGold(client, sampleId, expertId);
    if (gold) await setGoldAside(client, gold.id, kind);
    else await lockHeld(client, sampleId, expertId, { requireLive: false });
    if (gold === null || kind === "flag") await insertAside(client, kind, sampleId, expertId, text);
    if (gold === null) await release(client, sampleId);
    // A flag opens the sample's discussion thread with its note.
    if (kind === "flag") await postToThread(client, actor!, sampleId, "flag", text);
    await appendAuditEvent(client, { actor: actor!, action, entityType: "sample", entityId: String(sampleId), after });
    return { sampleId };
  });
}
