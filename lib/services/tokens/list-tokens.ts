import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";

export type TokenView = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** The caller's own API tokens (never the secrets, which are not stored). */
export async function listOwnTokens(actor: Actor | null): Promise<TokenView[]> {
  assertCan(actor, "token:own");
  const { rows } = await pool().query<{ id: string; name: string; prefix: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }>(
    `SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC`,
    [actor.userId],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }));
}
