import type pg from "pg";
import { pool } from "../db/pool";

type Queryable = Pick<pg.PoolClient, "query">;

/**
 * Starts a session for a user who has just signed in: its row lives until it expires or is ended, and the
 * session JWT carries its id (`sid`), checked on every request (`request-actor.ts`). A copied cookie
 * therefore dies with the session. The user's expired rows are swept at the same time.
 */
export async function startSession(userId: string, maxAgeSeconds: number): Promise<string> {
  await pool().query(`DELETE FROM sessions WHERE user_id = $1 AND expires < now()`, [userId]);
  const { rows } = await pool().query<{ id: string }>(
    `INSERT INTO sessions (session_token, user_id, expires) VALUES (gen_random_uuid()::text, $1, now() + make_interval(secs => $2)) RETURNING id`,
    [userId, maxAgeSeconds],
  );
  return rows[0]!.id;
}

/** Ends one session (sign-out). */
export async function endSession(sessionId: string): Promise<void> {
  await pool().query(`DELETE FROM sessions WHERE id = $1`, [sessionId]);
}

/** Ends every session of a user but `keep` (the one that asked, if it stays); returns how many ended. */
export async function endUserSessions(client: Queryable, userId: string, keep: string | null = null): Promise<number> {
  const { rowCount } = await client.query(`DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2::uuid`, [userId, keep]);
  return rowCount ?? 0;
}

/** How many live sessions a user has. */
export async function countUserSessions(userId: string): Promise<number> {
  const { rows } = await pool().query<{ count: number }>(`SELECT count(*)::int AS count FROM sessions WHERE user_id = $1 AND expires > now()`, [userId]);
  return rows[0]!.count;
}
