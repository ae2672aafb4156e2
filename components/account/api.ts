/** JSON calls for the account and user pages; a failure carries the server's user-safe message. */
export async function callJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...init, headers: { "content-type": "application/json", ...init.headers } });
  const body = (await response.json().catch(() => null)) as (T & { error?: { message: string; fields?: Record<string, string[]> } }) | null;
  if (!response.ok) {
    const fields = body?.error?.fields ? Object.entries(body.error.fields).map(([field, messages]) => `${field} ${messages.join(", ")}`).join("; ") : "";
    throw new Error(fields || body?.error?.message || `Request failed (${response.status}).`);
  }
  return body as T;
}
