import type { Queryable } from "../../db/pool";

export async function userByEmail(db: Queryable, email: string): Promise<{ id: string; disabled_at: Date | null } | null> {
  const { rows } = await db.query<{ id: string; disabled_at: Date | null }>(`SELECT id, disabled_at FROM users WHERE email = $1`, [email]);
  return rows[0] ?? null;
}

/** Stores a token by its hash; the secret itself is never stored. */
export async function insertToken(db: Queryable, token: { userId: string; name: string; tokenHash: string; prefix: string }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES ($1, $2, $3, $4) RETURNING id`, [
    token.userId,
    token.name,
    token.tokenHash,
    token.prefix,
  ]);
  return rows[0]!.id;
}

/**
 * Revokes the token if `ownerId` owns it or `anyOwner` holds; null when neither (which the caller answers
 * as no such token). A token revoked before keeps its first time.
 */
export async function revokeTokenRow(db: Queryable, id: string, ownerId: string | null, anyOwner: boolean): Promise<{ id: string; user_id: string; revoked_at: Date } | null> {
  const { rows } = await db.query<{ id: string; user_id: string; revoked_at: Date }>(
    `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())
      WHERE id = $1 AND (user_id = $2 OR $3) RETURNING id, user_id, revoked_at`,
    [id, ownerId, anyOwner],
  );
  return rows[0] ?? null;
}

export type TokenRow = { id: string; name: string; prefix: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null };

export async function tokensOf(db: Queryable, userId: string | null): Promise<TokenRow[]> {
  const { rows } = await db.query<TokenRow>(`SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC`, [userId]);
  return rows;
}
