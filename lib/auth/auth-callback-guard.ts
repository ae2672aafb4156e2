import { safeRedirectPath } from "./safe-redirect";

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/**
 * next-auth validates a `callbackUrl` in the query string or its callback-url cookie before any callback
 * of ours runs, and answers a malformed one (`http://[`, `javascript:…`) with a 500. For requests to
 * `/api/auth/*` this rewrites both through `safeRedirectPath` first, as absolute URLs on the app's origin,
 * which next-auth accepts. Returns null when nothing needs rewriting (a value that already names a URL on
 * the origin), else the new query string and cookie header.
 */
export function guardAuthCallback(url: URL, cookieHeader: string | null, origin: string): { search: string; cookie: string | null } | null {
  let changed = false;
  const params = new URLSearchParams(url.search);
  const target = params.get("callbackUrl");
  if (target !== null && !isSafe(target, origin)) {
    params.set("callbackUrl", safeAbsolute(target, origin));
    changed = true;
  }
  const cookies = (cookieHeader ?? "").split(";").map((part) => part.trim()).filter((part) => part !== "");
  const kept = cookies.map((cookie) => {
    const [name, ...rest] = cookie.split("=");
    if (!CALLBACK_COOKIES.includes(name!)) return cookie;
    const value = decodeCookie(rest.join("="));
    if (isSafe(value, origin)) return cookie;
    changed = true;
    return `${name}=${encodeURIComponent(safeAbsolute(value, origin))}`;
  });
  return changed ? { search: params.size > 0 ? `?${params}` : "", cookie: kept.length > 0 ? kept.join("; ") : null } : null;
}

const safeAbsolute = (value: string, origin: string) => new URL(safeRedirectPath(value, origin), origin).href;

function isSafe(value: string, origin: string): boolean {
  try {
    return new URL(value, origin).href === safeAbsolute(value, origin);
  } catch {
    return false;
  }
}

function decodeCookie(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
