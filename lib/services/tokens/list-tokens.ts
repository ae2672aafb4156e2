import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { tokensOf } from "./token-sql";

export type TokenView = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** The caller's own API tokens (never the secrets, which are not stored). */
export async function listOwnTokens(actor: Actor | null): Promise<TokenView[]> {
  assertCan(actor, "token:own");
  return (await tokensOf(pool(), actor.userId)).map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }));
}
