import { createHash, randomBytes } from "node:crypto";

const TOKEN_PREFIX = "gts_";

/** A 256-bit random token. Only its SHA-256 is stored: a slow hash buys nothing against that much entropy. */
export function generateApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
