// C0 controls, DEL and the backslash: browsers drop tabs and line breaks from URLs and read `\` as `/`, so
// `/\evil.example` or `/<TAB>/evil.example` leaves the site although it starts with a single slash.
const REFUSED = /[\u0000-\u001f\u007f\\]/;

/**
 * Where to send the browser after signing in: `target` resolved against the app's `origin`, kept only if
 * it stays on that origin, as a path (`/samples?dataset=x`). Anything else, an absolute URL elsewhere, a
 * `javascript:` URL, a value that does not parse, falls back to `fallback`. The one place that decides
 * every post-sign-in redirect: the sign-in page and next-auth's `redirect` callback both call it.
 */
export function safeRedirectPath(target: unknown, origin: string, fallback = "/"): string {
  if (typeof target !== "string" || target === "" || REFUSED.test(target)) return fallback;
  let base: URL;
  let resolved: URL;
  try {
    base = new URL(origin);
    resolved = new URL(target, base);
  } catch {
    return fallback;
  }
  if (resolved.origin !== base.origin) return fallback;
  // A same-origin URL whose path starts with `//` would, written as a path, name another host.
  return `/${resolved.pathname.replace(/^\/+/, "")}${resolved.search}${resolved.hash}`;
}
