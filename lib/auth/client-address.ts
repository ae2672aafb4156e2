/**
 * The client's address for the per-address sign-in limit, or null when it cannot be known. Each proxy
 * appends to X-Forwarded-For the address it received the request from, so only the rightmost
 * `trustedHops` entries were written by our own proxies; anything further left came from the client and
 * could be anything. With `trustedHops` 0 (no proxy in front) the header is the client's own word and
 * nothing here identifies the client: null.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedHops: number): string | null {
  if (trustedHops < 1 || !forwardedFor) return null;
  const entries = forwardedFor.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  return entries.at(-trustedHops) ?? entries[0] ?? null;
}

/** GTS_TRUSTED_PROXY_HOPS: how many reverse proxies stand in front of the app (default 1). */
export function trustedProxyHops(): number {
  const hops = Number(process.env.GTS_TRUSTED_PROXY_HOPS ?? 1);
  return Number.isInteger(hops) && hops >= 0 ? hops : 1;
}
