import "server-only";
import type { z } from "zod";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { assertCan, type Actor } from "../../auth/actor";
import { generateApiToken } from "../../auth/api-token";
import { can } from "../../auth/permissions";
import { inTransaction } from "../../db/pool";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors";
import { zodFieldErrors } from "../../validation";
import { createApiTokenSchema, ownTokenSchema } from "./token.schema";
import { insertToken, userByEmail } from "./token-sql";

/** Creates a token for a user; the plain token is returned once and never stored. */
export async function createApiToken(actor: Actor, input: z.input<typeof createApiTokenSchema>): Promise<{ token: string; id: string }> {
  assertCan(actor, "token:own");
  const parsed = createApiTokenSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(zodFieldErrors(parsed.error));
  const { email, name } = parsed.data;
  return inTransaction(async (client) => {
    const user = await userByEmail(client, email);
    if (!user) throw new NotFoundError(`no user with the email ${email}`);
    if (user.id !== actor.userId && !can("user:manage", actor.role)) throw new ForbiddenError("you may only create tokens for yourself");
    if (user.disabled_at) throw new ForbiddenError(`${email} is disabled`);
    const { token, tokenHash, prefix } = generateApiToken();
    const id = await insertToken(client, { userId: user.id, name, tokenHash, prefix });
    await appendAuditEvent(client, { actor, action: "token.create", entityType: "api_token", entityId: id, after: { userId: user.id, name, prefix } });
    return { token, id };
  });
}

/** A signed-in user creates a token for themselves: `{"name"}`. */
export async function createOwnToken(actor: Actor | null, body: unknown): Promise<{ token: string; id: string }> {
  assertCan(actor, "token:own");
  const name = ownTokenSchema.safeParse(body);
  if (!name.success) throw new ValidationError(zodFieldErrors(name.error));
  return createApiToken(actor, { email: actor.email, name: name.data.name });
}
