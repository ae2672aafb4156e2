import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { inTransaction } from "../../db/pool";
import { ConflictError, ForbiddenError } from "../../errors";
import { postToThread } from "../discussion/add-comment";
import { resolveFlagsInputSchema } from "../discussion/comment.schema";
import { parseInput } from "../parse-input";
import { parseSampleId } from "../samples/sample-id";
import { resolveOpenFlags } from "./decision-sql";

/** Closes a sample's open flags after the discussion, which returns it to the queue; the note of what was decided joins the thread. */
export async function resolveFlags(actor: Actor | null, rawSampleId: unknown, body: unknown): Promise<{ resolved: number }> {
  assertCan(actor, "flag:resolve");
  if (!actor.userId) throw new ForbiddenError("Resolving a flag needs a signed-in user.");
  const sampleId = parseSampleId(rawSampleId);
  const { note } = parseInput(resolveFlagsInputSchema, body);
  return inTransaction(async (client) => {
    const resolved = await resolveOpenFlags(client, sampleId, actor.userId);
    if (!resolved) throw new ConflictError("This sample has no open flag.");
    await appendAuditEvent(client, { actor, action: "sample.flag.resolve", entityType: "sample", entityId: String(sampleId), after: { resolved, note } });
    await postToThread(client, actor, sampleId, "resolution", note);
    return { resolved };
  });
}
