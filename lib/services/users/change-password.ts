import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { hashPassword, verifyPassword } from "../../auth/password";
import { endUserSessions } from "../../auth/sessions";
import { awaitSignInGate, recordSignInAttempt } from "../../auth/sign-in-limit";
import { inTransaction } from "../../db/pool";
import { ValidationError } from "../../errors";
import { parseInput } from "../parse-input";
import { changePasswordSchema } from "./user.schema";
import { lockPasswordHash, setPasswordHash } from "./user-sql";

/**
 * Changes the caller's password. The current password is a password guess like a sign-in: the same limits
 * (`sign-in-limit.ts`) gate it, per account and client `address`, and a wrong one counts as a failure.
 * The change ends the user's other sessions.
 */
export async function changePassword(actor: Actor | null, body: unknown, address: string | null): Promise<{ changed: true }> {
  assertCan(actor, "token:own");
  const input = parseInput(changePasswordSchema, body);
  await awaitSignInGate(actor.email, address);
  const nextHash = await hashPassword(input.next);
  return inTransaction(async (client) => {
    const current = await lockPasswordHash(client, actor.userId!);
    if (!current || !(await verifyPassword(current, input.current))) {
      // Recorded on its own connection: this transaction rolls back.
      await recordSignInAttempt(actor.email, address, false);
      throw new ValidationError({ current: ["is not your current password"] });
    }
    await setPasswordHash(client, actor.userId!, nextHash);
    // Whoever held the old password may hold a session too: every other one ends; this one proved the password.
    await endUserSessions(client, actor.userId!, actor.sessionId ?? null);
    await appendAuditEvent(client, { actor, action: "user.password", entityType: "user", entityId: actor.userId });
    return { changed: true as const };
  });
}
