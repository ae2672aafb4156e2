import type { Server } from "node:http";
import Provider from "oidc-provider";

export type OidcTestProvider = { issuer: string; clientId: string; clientSecret: string; close: () => Promise<void> };

/**
 * A real OpenID Connect provider (panva's certified `oidc-provider`) on localhost for the end-to-end
 * tests, with its development login and consent pages: any login name signs in, as the account
 * `<login>` with the email `<login>@oidc.test`. One confidential client, the app, with PKCE.
 */
export async function startOidcTestProvider(port: number, redirectUris: string[]): Promise<OidcTestProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "guardtrace-e2e";
  const clientSecret = "e2e-client-secret-that-is-long-enough";
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ["authorization_code"], response_types: ["code"] }],
    findAccount: async (_context, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: `${id}@oidc.test`, email_verified: true, name: `OIDC ${id}` }),
    }),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["guardtrace-e2e-cookie-key"] },
    // As Keycloak and Okta do: the scopes' claims in the ID token too, where next-auth reads them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(port, "127.0.0.1", () => resolve(listening));
  });
  return { issuer, clientId, clientSecret, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
