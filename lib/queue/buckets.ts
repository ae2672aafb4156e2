import { hash } from "node:crypto";

export const BUCKETS = 10_000;

/**
 * A stable 0–9999 bucket for a sample, from the SHA-256 of a salted external id, so that the audit and
 * second-opinion picks are deterministic and the same on every installation. The migration that added
 * the columns computes the same value in SQL.
 */
export function bucketOf(salt: "audit" | "review", externalId: string): number {
  const digest = hash("sha256", `${salt}:${externalId}`, "buffer");
  return digest.readUInt32BE(0) % BUCKETS;
}
