import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { generateInvitationToken, INVITATION_DAYS } from "../../auth/invitation-token";
import { inTransaction } from "../../db/pool";
import { ConflictError } from "../../errors";
import { parseInput } from "../parse-input";
import { inviteUserSchema } from "./user.schema";
import { insertInvitation, insertUser } from "./user-sql";

export type Invited = { user: { id: string; email: string; role: "admin" | "expert" | "viewer" }; invitePath: string; expiresAt: string };

/**
 * Adds a user without a password and a one-time link for them to set one (docs/security.md). The link is
 * shown to the admin once, to pass on; only its hash is kept. The user, the invitation and the audit event
 * commit together.
 */
export async function inviteUser(actor: Actor | null, body: unknown): Promise<Invited> {
  assertCan(actor, "user:manage");
  const { email, role, name } = parseInput(inviteUserSchema, body);
  const { token, tokenHash } = generateInvitationToken();
  return inTransaction(async (client) => {
    const user = await insertUser(client, { email, name: name ?? null, passwordHash: null, role });
    if (!user) throw new ConflictError(`a user with the email ${email} already exists`);
    const expiresAt = await insertInvitation(client, { tokenHash, userId: user.id, createdById: actor.userId, days: INVITATION_DAYS });
    await appendAuditEvent(client, { actor, action: "user.invite", entityType: "user", entityId: user.id, after: { email, role, expiresAt: expiresAt.toISOString() } });
    return { user, invitePath: `/invite/${token}`, expiresAt: expiresAt.toISOString() };
  });
}
