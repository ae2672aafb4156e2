import "server-only";
import { z } from "zod";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { endUserSessions } from "../../auth/sessions";
import { inTransaction, pool } from "../../db/pool";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { parseInput } from "../parse-input";
import { updateUserSchema } from "./user.schema";
import { lockUserState, replaceUserGroups, updateUserState, userIdByEmail } from "./user-sql";

/**
 * An admin changes a user's role, disables them (which ends their sessions), or sets their groups (which
 * a dataset's queue can be restricted to); an admin cannot lock themselves out.
 */
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
    if (input.groups !== undefined) {
      const groups = [...new Set(input.groups)].sort();
      const previous = await replaceUserGroups(client, id.data, groups);
      await appendAuditEvent(client, { actor, action: "user.groups", entityType: "user", entityId: id.data, before: { groups: previous }, after: { groups } });
    }
    if (Boolean(before.disabled_at) !== Boolean(after.disabled_at)) {
      await appendAuditEvent(client, { actor, action: after.disabled_at ? "user.disable" : "user.enable", entityType: "user", entityId: id.data, after: { email: after.email } });
      if (after.disabled_at) await endUserSessions(client, id.data);
    }
    return { id: id.data, email: after.email, role: after.role, disabled: Boolean(after.disabled_at) };
  });
}

/** The same, for a user named by email (the command line). */
export async function updateUserByEmail(actor: Actor | null, email: string, body: unknown) {
  assertCan(actor, "user:manage");
  const id = await userIdByEmail(pool(), email.trim().toLowerCase());
  if (!id) throw new NotFoundError(`no user ${email}`);
  return updateUser(actor, id, body);
}
