import type { Claim } from "@/lib/services/queue/claim-next-sample";
import type { QueueProgress } from "@/lib/services/queue/get-queue-progress";
import type { AdjudicationInput, QueueFilters } from "@/lib/services/queue/queue-schemas";
import type { Decision } from "@/lib/services/queue/submit-adjudication";

/** A failed API call with the status and the server's user-safe message and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T | null> {
  const response = await fetch(path, { ...init, headers: { "content-type": "application/json", accept: "application/json", ...init.headers } });
  if (response.status === 204) return null;
  const body = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: Record<string, string[]> } } | null;
  if (!response.ok) throw new ApiError(response.status, body?.error?.message ?? `Request failed (${response.status}).`, body?.error?.fields);
  return body as T;
}

const post = <T>(path: string, body: unknown = {}) => call<T>(path, { method: "POST", body: JSON.stringify(body) });

export const queueApi = {
  claim: (filters: QueueFilters) => post<Claim>("/api/v1/queue/claim", filters),
  progress: (filters: QueueFilters) =>
    call<QueueProgress>(`/api/v1/queue/progress?${new URLSearchParams(filters as Record<string, string>)}`) as Promise<QueueProgress>,
  decide: (sampleId: number, input: AdjudicationInput) => post<Decision>(`/api/v1/samples/${sampleId}/adjudications`, input) as Promise<Decision>,
  undo: (sampleId: number) => post<{ sampleId: number }>(`/api/v1/samples/${sampleId}/adjudications/undo`),
  renew: (sampleId: number) => post<{ leaseExpiresAt: string }>(`/api/v1/samples/${sampleId}/lease`),
  skip: (sampleId: number, reason: string) => post<{ sampleId: number }>(`/api/v1/samples/${sampleId}/skip`, { reason }),
  flag: (sampleId: number, note: string) => post<{ sampleId: number }>(`/api/v1/samples/${sampleId}/flag`, { note }),
};
