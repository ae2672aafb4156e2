/**
 * The header the web server (`lib/http/web-server.ts`) sets on every request to the address of the socket
 * it came in on, after removing any copy the client sent: route handlers cannot see the socket.
 */
export const CLIENT_ADDRESS_HEADER = "x-gts-client-address";

export type HeaderReader = (name: string) => string | null | undefined;

/**
 * The client's address for the sign-in limits, or null when it cannot be known. With no proxy in front
 * (`trustedHops` 0, the default) it is the socket's, never a header the client wrote. Behind proxies the
 * socket is the nearest proxy's: each proxy appends to X-Forwarded-For the address it received the
 * request from, so only the rightmost `trustedHops` entries were written by our own proxies; anything
 * further left came from the client and could be anything.
 */
export function clientAddress(header: HeaderReader, trustedHops: number): string | null {
  if (trustedHops < 1) return header(CLIENT_ADDRESS_HEADER) || null;
  return forwardedAddress(header("x-forwarded-for"), trustedHops);
}

export function forwardedAddress(forwardedFor: string | null | undefined, trustedHops: number): string | null {
  if (!forwardedFor) return null;
  const entries = forwardedFor.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  return entries.at(-trustedHops) ?? entries[0] ?? null;
}

/** GTS_TRUSTED_PROXY_HOPS: how many reverse proxies stand in front of the app (default 0: none). */
export function trustedProxyHops(): number {
  const hops = Number(process.env.GTS_TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops >= 0 ? hops : 0;
}

/** The address of the client behind a Fetch API request (a route handler's). */
export function requestClientAddress(request: Request): string | null {
  return clientAddress((name) => request.headers.get(name), trustedProxyHops());
}
