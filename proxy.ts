import { NextResponse, type NextRequest } from "next/server";
import { appOrigin } from "@/lib/auth/app-origin";
import { guardAuthCallback } from "@/lib/auth/auth-callback-guard";

/**
 * For every request, before any page or route runs (the web server has already applied the input rule to
 * the path and query string, `lib/http/web-server.ts`):
 * - for next-auth's routes, a malformed callbackUrl made safe (`auth-callback-guard.ts`);
 * - for pages, a per-request nonce and a Content-Security-Policy without 'unsafe-inline' for scripts:
 *   Next.js puts the nonce on its own scripts, and nothing else runs.
 * Authorization is not done here; the services do it.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/auth/")) return authRequest(request);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const development = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React and recharts set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

/** next-auth's routes, with a malformed callbackUrl (query or cookie) made safe before next-auth sees it. */
function authRequest(request: NextRequest): Response {
  const guarded = guardAuthCallback(new URL(request.url), request.headers.get("cookie"), appOrigin());
  if (!guarded) return NextResponse.next();
  const headers = new Headers(request.headers);
  if (guarded.cookie === null) headers.delete("cookie");
  else headers.set("cookie", guarded.cookie);
  // Rewritten on the same route (nextUrl), not to an absolute URL, which Next.js would fetch as a proxy.
  const url = request.nextUrl.clone();
  url.search = guarded.search;
  return NextResponse.rewrite(url, { request: { headers } });
}

// Not our API (`/api/v1`, `/api/images`): the proxy has nothing to do there, and would run on every call.
export const config = {
  matcher: [{ source: "/((?!api/v1/|api/images/|_next/static|_next/image|favicon.ico).*)" }],
};
