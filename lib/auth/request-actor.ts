import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { pool } from "../db/pool";
import type { Role } from "../generated/prisma";
import type { Actor } from "./actor";
import { hashApiToken } from "./api-token";
import { authOptions } from "./auth-options";

/**
 * The actor behind an API request: a Bearer token when the header is present (a bad one is not
 * silently ignored in favour of a cookie), otherwise the session cookie. Disabled users are nobody.
 */
export async function actorFromRequest(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return match ? actorFromToken(match[1]!) : null;
  }
  return actorFromSession();
}

// Every request resolves its actor, so these are single indexed SQL lookups, not ORM round trips.
// A session counts only while its row lives (`sessions.ts`): signed out, ended everywhere or expired, it is nobody.
export async function actorFromSession(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  const sessionId = session?.sid;
  if (!userId || !sessionId || !UUID.test(sessionId)) return null;
  const { rows } = await pool().query<{ id: string; email: string; role: Role }>(
    `SELECT u.id, u.email, u.role::text AS role
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND u.id = $2 AND s.expires > now() AND u.disabled_at IS NULL`,
    [sessionId, userId],
  );
  const user = rows[0];
  return user ? { userId: user.id, email: user.email, role: user.role, via: "session", sessionId } : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function actorFromToken(token: string): Promise<Actor | null> {
  const { rows } = await pool().query<{ token_id: string; stale: boolean; id: string; email: string; role: Role }>(
    `SELECT t.id AS token_id, (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale,
            u.id, u.email, u.role::text AS role
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`,
    [hashApiToken(token)],
  );
  const found = rows[0];
  if (!found) return null;
  // Touch at most once a minute: a hot API client must not turn every read into a write.
  if (found.stale) await pool().query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [found.token_id]);
  return { userId: found.id, email: found.email, role: found.role, via: "token" };
}

/** For pages: the signed-in actor, or a redirect to the sign-in page that returns here afterwards. */
export async function requirePageActor(returnTo: string): Promise<Actor> {
  const actor = await actorFromSession();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
