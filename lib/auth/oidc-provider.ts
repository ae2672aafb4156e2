import type { Provider } from "next-auth/providers/index";

export function oidcEnabled(): boolean {
  return Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET);
}

export function oidcDisplayName(): string {
  return process.env.OIDC_NAME ?? "single sign-on";
}

/** An optional OpenID Connect provider (Keycloak, Okta, Entra ID, Google Workspace…), on when its env vars are set. */
export function oidcProvider(): Provider[] {
  if (!oidcEnabled()) return [];
  const issuer = process.env.OIDC_ISSUER!.replace(/\/$/, "");
  return [
    {
      id: "oidc",
      name: oidcDisplayName(),
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      issuer,
      clientId: process.env.OIDC_CLIENT_ID,
      clientSecret: process.env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
      },
    },
  ];
}
