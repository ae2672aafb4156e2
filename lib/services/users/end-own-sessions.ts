import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { endUserSessions } from "../../auth/sessions";
import { inTransaction } from "../../db/pool";

/** "Sign out everywhere": ends every session of the caller, this one included; API tokens stay. */
export async function endOwnSessions(actor: Actor | null): Promise<{ ended: number }> {
  assertCan(actor, "token:own");
  return inTransaction(async (client) => {
    const ended = await endUserSessions(client, actor.userId!);
    await appendAuditEvent(client, { actor, action: "user.sessions_end", entityType: "user", entityId: actor.userId, after: { ended } });
    return { ended };
  });
}
