import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { pool } from "../db/pool";
import type { Actor } from "./actor";
import { findSessionUser } from "./actor-sql";
import { actorFromBearer } from "./bearer-actor";
import { authOptions } from "./auth-options";

/**
 * The actor behind an API request: a Bearer token when the header is present (a bad one is not
 * silently ignored in favour of a cookie), otherwise the session cookie. Disabled users are nobody.
 */
export async function actorFromRequest(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  return header !== null ? actorFromBearer(header) : actorFromSession();
}

/**
 * The actor behind the session cookie. A session counts only while its row lives (`sessions.ts`). Cached
 * per server render, so a layout and its page look the user up once.
 */
export const actorFromSession = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  const sessionId = session?.sid;
  if (!userId || !sessionId || !UUID.test(sessionId)) return null;
  const user = await findSessionUser(pool(), sessionId, userId);
  return user ? { userId: user.id, email: user.email, role: user.role, via: "session", sessionId } : null;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For pages: the signed-in actor, or a redirect to the sign-in page that returns here afterwards. */
export async function requirePageActor(returnTo: string): Promise<Actor> {
  const actor = await actorFromSession();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
