import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { hashPassword, passwordSchema, verifyPassword } from "../../auth/password";
import { inTransaction } from "../../db/pool";
import { ValidationError } from "../../errors";
import { parseInput } from "../parse-input";

export const changePasswordSchema = z
  .strictObject({ current: z.string().min(1, "enter your current password").max(256), next: passwordSchema })
  .refine((value) => value.current !== value.next, { path: ["next"], message: "must differ from the current password" });

export async function changePassword(actor: Actor | null, body: unknown): Promise<{ changed: true }> {
  assertCan(actor, "token:own");
  const input = parseInput(changePasswordSchema, body);
  const nextHash = await hashPassword(input.next);
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ password_hash: string | null }>(`SELECT password_hash FROM users WHERE id = $1 FOR UPDATE`, [actor.userId]);
    const current = rows[0]?.password_hash;
    if (!current || !(await verifyPassword(current, input.current))) throw new ValidationError({ current: ["is not your current password"] });
    await client.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [actor.userId, nextHash]);
    await appendAuditEvent(client, { actor, action: "user.password", entityType: "user", entityId: actor.userId });
    return { changed: true as const };
  });
}
