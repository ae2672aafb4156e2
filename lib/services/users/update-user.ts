import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { endUserSessions } from "../../auth/sessions";
import { inTransaction } from "../../db/pool";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { parseInput } from "../parse-input";
import { updateUserSchema } from "./user.schema";

/** An admin changes a user's role or disables them (which ends their sessions); an admin cannot lock themselves out. */
export async function updateUser(actor: Actor | null, rawId: unknown, body: unknown) {
  assertCan(actor, "user:manage");
  const id = z.uuid().safeParse(rawId);
  if (!id.success) throw new ValidationError({ id: ["must be a user id (a UUID)"] });
  const input = parseInput(updateUserSchema, body);
  if (id.data === actor.userId && (input.disabled === true || (input.role !== undefined && input.role !== "admin"))) {
    throw new ConflictError("You cannot disable or demote yourself; ask another admin.");
  }
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ email: string; role: string; disabled_at: Date | null }>(`SELECT email, role::text, disabled_at FROM users WHERE id = $1 FOR UPDATE`, [id.data]);
    const before = rows[0];
    if (!before) throw new NotFoundError("no such user");
    const { rows: updated } = await client.query<{ email: string; role: string; disabled_at: Date | null }>(
      `UPDATE users SET role = coalesce($2::role, role),
                        disabled_at = CASE WHEN $3::boolean IS NULL THEN disabled_at WHEN $3 THEN coalesce(disabled_at, now()) ELSE NULL END,
                        updated_at = now()
        WHERE id = $1 RETURNING email, role::text, disabled_at`,
      [id.data, input.role ?? null, input.disabled ?? null],
    );
    const after = updated[0]!;
    if (before.role !== after.role) {
      await appendAuditEvent(client, { actor, action: "user.role", entityType: "user", entityId: id.data, before: { role: before.role }, after: { role: after.role } });
    }
    if (Boolean(before.disabled_at) !== Boolean(after.disabled_at)) {
      await appendAuditEvent(client, { actor, action: after.disabled_at ? "user.disable" : "user.enable", entityType: "user", entityId: id.data, after: { email: after.email } });
      if (after.disabled_at) await endUserSessions(client, id.data);
    }
    return { id: id.data, email: after.email, role: after.role, disabled: Boolean(after.disabled_at) };
  });
}
