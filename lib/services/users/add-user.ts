import "server-only";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { hashPassword } from "../../auth/password";
import { inTransaction } from "../../db/pool";
import { ConflictError, ValidationError } from "../../errors";
import { zodFieldErrors } from "../../validation";
import { addUserSchema, type AddUserInput } from "./user.schema";
import { insertUser } from "./user-sql";

export type CreatedUser = { id: string; email: string; role: "admin" | "expert" | "viewer" };

export async function addUser(actor: Actor, input: AddUserInput | Record<string, unknown>): Promise<CreatedUser> {
  assertCan(actor, "user:manage");
  const parsed = addUserSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  const { email, role, password, name } = parsed.data;
  const passwordHash = await hashPassword(password);
  return inTransaction(async (client) => {
    const user = await insertUser(client, { email, name: name ?? null, passwordHash, role });
    if (!user) throw new ConflictError(`a user with the email ${email} already exists`);
    await appendAuditEvent(client, { actor, action: "user.create", entityType: "user", entityId: user.id, after: { email, role } });
    return user;
  });
}
