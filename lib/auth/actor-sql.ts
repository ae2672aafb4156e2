import type pg from "pg";
import type { Role } from "../generated/prisma";

// Every request resolves its actor, so these are single indexed lookups, not ORM round trips.

export type ActorRow = { id: string; email: string; role: Role };

/** The user behind a live session row: signed out, ended everywhere, expired or disabled, it is nobody. */
export async function findSessionUser(db: pg.Pool, sessionId: string, userId: string): Promise<ActorRow | null> {
  const { rows } = await db.query<ActorRow>(
    `SELECT u.id, u.email, u.role::text AS role
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND u.id = $2 AND s.expires > now() AND u.disabled_at IS NULL`,
    [sessionId, userId],
  );
  return rows[0] ?? null;
}

/** The user behind a live API token, with whether its last use is more than a minute old. */
export async function findTokenUser(db: pg.Pool, tokenHash: string): Promise<(ActorRow & { token_id: string; stale: boolean }) | null> {
  const { rows } = await db.query<ActorRow & { token_id: string; stale: boolean }>(
    `SELECT t.id AS token_id, (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale,
            u.id, u.email, u.role::text AS role
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

export async function touchToken(db: pg.Pool, tokenId: string): Promise<void> {
  await db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [tokenId]);
}
