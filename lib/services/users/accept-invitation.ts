import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { hashPassword } from "../../auth/password";
import { hashInvitationToken } from "../../auth/invitation-token";
import { inTransaction, pool } from "../../db/pool";
import { NotFoundError } from "../../errors";
import { parseInput } from "../parse-input";
import { acceptInvitationSchema } from "./user.schema";
import { invitationFor, setPasswordHash, useInvitation } from "./user-sql";

const GONE = "This invitation link is not valid: it was used already, it ran out, or it never existed. Ask an admin for a new one.";

/** Whom a live invitation link is for; 404 for any other link, with no hint of which way it failed. */
export async function describeInvitation(token: string): Promise<{ email: string; expiresAt: string }> {
  const found = await invitationFor(pool(), hashInvitationToken(token));
  if (!found) throw new NotFoundError(GONE);
  return { email: found.email, expiresAt: found.expires_at.toISOString() };
}

/**
 * Sets the invited user's password through their one-time link and spends the link, in one transaction:
 * a second use, a used or an expired link finds nothing to update. The user then signs in as usual.
 */
export async function acceptInvitation(token: string, body: unknown): Promise<{ email: string }> {
  const { password } = parseInput(acceptInvitationSchema, body);
  // A cheap look first: a made-up link must not buy a slow password hash.
  await describeInvitation(token);
  const passwordHash = await hashPassword(password);
  return inTransaction(async (client) => {
    const invitation = await useInvitation(client, hashInvitationToken(token));
    if (!invitation) throw new NotFoundError(GONE);
    await setPasswordHash(client, invitation.user_id, passwordHash);
    // The trail keeps the actor's id; the invited user acts here before they have a session or a role of their own to show.
    await appendAuditEvent(client, {
      actor: { userId: invitation.user_id, email: invitation.email, role: "viewer", via: "session" },
      action: "user.invitation_accepted",
      entityType: "user",
      entityId: invitation.user_id,
    });
    return { email: invitation.email };
  });
}
