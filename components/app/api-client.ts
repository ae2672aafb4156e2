/**
 * A failed API call: the server's error code (what the UI branches on: `conflict`, `invalid`,
 * `forbidden`…; `network` when no answer came, `unexpected` for an answer without one), the status, the
 * user-safe message, and the field errors.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

type ErrorBody = { error?: { code?: string; message?: string; fields?: Record<string, string[]> } };

/**
 * The browser side of every JSON call to our API: sends JSON, returns the parsed body (null for 204),
 * and turns an error answer into an ApiError whose message names the fields when there are any.
 */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T | null> {
  const response = await fetch(path, { ...init, headers: { "content-type": "application/json", accept: "application/json", ...init.headers } });
  if (response.status === 204) return null;
  const body = (await response.json().catch(() => null)) as (T & ErrorBody) | null;
  if (!response.ok) {
    const fields = body?.error?.fields ?? {};
    const named = Object.entries(fields).map(([field, messages]) => `${field} ${messages.join(", ")}`).join("; ");
    throw new ApiError(body?.error?.code ?? "unexpected", response.status, named || body?.error?.message || `Request failed (${response.status}).`, fields);
  }
  return body as T;
}

/** Like apiFetch, for calls that always answer with a body. */
export async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const body = await apiFetch<T>(path, init);
  if (body === null) throw new ApiError("unexpected", 204, "The server sent no content.");
  return body;
}
