/**
 * The app's own origin, from NEXTAUTH_URL (which `gts serve` always sets): what redirects must stay on and
 * what a cookie-authenticated write must come from.
 */
export function appOrigin(): string {
  const configured = process.env.NEXTAUTH_URL;
  try {
    return new URL(configured ?? "http://localhost:3000").origin;
  } catch {
    throw new Error(`NEXTAUTH_URL is not a URL: ${configured}`);
  }
}
