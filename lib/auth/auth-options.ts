import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db/prisma";
import { log } from "../log";
import { clientAddress, trustedProxyHops } from "./client-address";
import { credentialsSchema } from "./credentials-schema";
import { awaitSignInGate, recordSignInAttempt } from "./sign-in-limit";
import { oidcProvider } from "./oidc-provider";
import { safeRedirectPath } from "./safe-redirect";
import { endSession, startSession } from "./sessions";
import { verifyPassword } from "./password";

export const SESSION_MAX_AGE_SECONDS = Number(process.env.SESSION_MAX_AGE_SECONDS ?? 12 * 60 * 60);


// Spent on unknown emails too, so response time does not tell which accounts exist.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$sfKlO57TquHf4eEu7THB9Q$dFhkM8D3V0HJDiGQRa+/v6u7uO26JasgwwI/uDhdczE";

async function authorizeCredentials(raw: unknown, request: { headers?: Record<string, unknown> } | undefined) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const ip = clientAddress((name) => {
    const value = request?.headers?.[name];
    return typeof value === "string" ? value : null;
  }, trustedProxyHops());
  // next-auth passes a thrown error's message to the sign-in form.
  await awaitSignInGate(parsed.data.email, ip);
  const user = await db().user.findUnique({ where: { email: parsed.data.email } });
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
  const succeeded = Boolean(user && valid && !user.disabledAt);
  await recordSignInAttempt(parsed.data.email, ip, succeeded);
  if (!succeeded || !user) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** Links an OIDC identity to a user, creating a viewer (or OIDC_DEFAULT_ROLE) on first sign-in. */
async function linkOidcAccount(providerAccountId: string, email: string | null | undefined, name: string | null | undefined) {
  const existing = await db().account.findUnique({
    where: { provider_providerAccountId: { provider: "oidc", providerAccountId } },
    include: { user: true },
  });
  if (existing) return existing.user;
  if (!email) return null;
  const role = z.enum(["admin", "expert", "viewer"]).catch("viewer").parse(process.env.OIDC_DEFAULT_ROLE);
  const user = await db().user.upsert({
    where: { email: email.toLowerCase() },
    update: {},
    create: { email: email.toLowerCase(), name: name ?? null, role },
  });
  await db().account.create({ data: { userId: user.id, type: "oidc", provider: "oidc", providerAccountId } });
  return user;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Errors (a refused or failed single sign-on) land on the sign-in page, which explains them.
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) => authorizeCredentials(credentials, request as { headers?: Record<string, unknown> }),
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    // Every post-sign-in redirect goes through one check; a malformed callbackUrl falls back to the root.
    redirect: ({ url, baseUrl }) => new URL(safeRedirectPath(url, baseUrl), baseUrl).href,
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const linked = await linkOidcAccount(account.providerAccountId, profile?.email ?? user.email, profile?.name ?? user.name);
      if (!linked || linked.disabledAt) return false;
      user.id = linked.id;
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sid = await startSession(user.id, SESSION_MAX_AGE_SECONDS);
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") session.sid = token.sid;
      return session;
    },
  },
  events: {
    // Sign-out ends the session on the server too: the cookie the browser drops may have been copied.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(token.sid);
    },
  },
  logger: {
    error: (code, metadata) => log.error(`next-auth: ${code}`, { metadata: String(metadata) }),
    warn: (code) => log.warn(`next-auth: ${code}`),
    debug: () => {},
  },
};
