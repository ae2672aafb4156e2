import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "../db/prisma";
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

export async function actorFromSession(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, disabledAt: true } });
  if (!user || user.disabledAt) return null;
  return { userId: user.id, email: user.email, role: user.role, via: "session" };
}

async function actorFromToken(token: string): Promise<Actor | null> {
  const found = await db().apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { id: true, email: true, role: true, disabledAt: true } } },
  });
  if (!found || found.revokedAt || (found.expiresAt && found.expiresAt < new Date()) || found.user.disabledAt) return null;
  // Touch at most once a minute: a hot API client must not turn every read into a write.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    await db().apiToken.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  }
  return { userId: found.user.id, email: found.user.email, role: found.user.role, via: "token" };
}

/** For pages: the signed-in actor, or a redirect to the sign-in page that returns here afterwards. */
export async function requirePageActor(returnTo: string): Promise<Actor> {
  const actor = await actorFromSession();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
