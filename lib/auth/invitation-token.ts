import { createHash, randomBytes } from "node:crypto";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** A 256-bit one-time token for an invitation link; like an API token, only its SHA-256 is stored. */
export function generateInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
