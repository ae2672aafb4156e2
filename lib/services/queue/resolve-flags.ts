import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { ConflictError } from "../../errors";
import { parseSampleId } from "../samples/sample-id";
import { resolveOpenFlags } from "./decision-sql";

/** Closes a sample's open flags after the discussion, which returns it to the queue. */
export async function resolveFlags(actor: Actor | null, rawSampleId: unknown): Promise<{ resolved: number }> {
  assertCan(actor, "flag:resolve");
  const sampleId = parseSampleId(rawSampleId);
  return inTransaction(async (client) => {
    const resolved = await resolveOpenFlags(client, sampleId, actor.userId);
    if (!resolved) throw new ConflictError("This sample has no open flag.");
    await appendAuditEvent(client, { actor, action: "sample.flag.resolve", entityType: "sample", entityId: String(sampleId), after: { resolved } });
    return { resolved };
  });
}
