import { pool } from "../db/pool";
import type { Actor } from "./actor";
import { findTokenUser, touchToken } from "./actor-sql";
import { hashApiToken } from "./api-token";

/**
 * The actor behind an `Authorization: Bearer <token>` header, or null for a missing, malformed or unknown
 * token. Apart from the session lookup, so a process without next-auth (the worker) can check tokens too.
 */
export async function actorFromBearer(header: string): Promise<Actor | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return null;
  const found = await findTokenUser(pool(), hashApiToken(match[1]!));
  if (!found) return null;
  // Touch at most once a minute: a hot API client must not turn every read into a write.
  if (found.stale) await touchToken(pool(), found.token_id);
  return { userId: found.id, email: found.email, role: found.role, via: "token" };
}
