import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { can } from "../../auth/permissions";
import { inTransaction } from "../../db/pool";
import { NotFoundError, ValidationError } from "../../errors";
import { revokeTokenRow } from "./token-sql";

/** Revokes a token: one's own, or anyone's for an admin. A token of someone else looks like no token. */
export async function revokeToken(actor: Actor | null, rawId: unknown): Promise<{ id: string; revokedAt: string }> {
  assertCan(actor, "token:own");
  const id = z.uuid().safeParse(rawId);
  if (!id.success) throw new ValidationError({ id: ["must be a token id (a UUID)"] });
  return inTransaction(async (client) => {
    const token = await revokeTokenRow(client, id.data, actor.userId, can("user:manage", actor.role));
    if (!token) throw new NotFoundError("no such token");
    await appendAuditEvent(client, { actor, action: "token.revoke", entityType: "api_token", entityId: token.id, after: { userId: token.user_id } });
    return { id: token.id, revokedAt: token.revoked_at.toISOString() };
  });
}
