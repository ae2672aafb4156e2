import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { endUserSessions } from "../../auth/sessions";
import { inTransaction } from "../../db/pool";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { parseInput } from "../parse-input";
import { updateUserSchema } from "./user.schema";
import { lockUserState, updateUserState } from "./user-sql";

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
    const before = await lockUserState(client, id.data);
    if (!before) throw new NotFoundError("no such user");
    const after = await updateUserState(client, id.data, { role: input.role ?? null, disabled: input.disabled ?? null });
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
