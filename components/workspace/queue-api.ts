import type { Claim } from "@/lib/services/queue/claim-next-sample";
import type { QueueProgress } from "@/lib/services/queue/get-queue-progress";
import type { AdjudicationInput, QueueFilters } from "@/lib/services/queue/queue-schemas";
import type { Decision } from "@/lib/services/queue/submit-adjudication";
import { apiFetch, apiJson } from "@/components/app/api-client";

const post = <T>(path: string, body: unknown = {}) => apiFetch<T>(path, { method: "POST", body: JSON.stringify(body) });

export const queueApi = {
  /** `beyondCap`: the expert chose to go on past a daily cap (docs/safe-viewing.md); `ahead`: the claim-ahead of the next sample. */
  claim: (filters: QueueFilters, beyondCap: boolean, ahead = false) => post<Claim>("/api/v1/queue/claim", { ...filters, ...(beyondCap ? { beyondCap } : {}), ...(ahead ? { ahead } : {}) }),
  /** Gives back an unused claim-ahead; `keepalive` lets it finish while the page goes away. */
  release: (sampleId: number) =>
    fetch(`/api/v1/samples/${sampleId}/lease`, { method: "DELETE", keepalive: true, headers: { "content-type": "application/json" } }).catch((error: unknown) => console.warn("claim-ahead not given back", error)),
  progress: (filters: QueueFilters) =>
    apiJson<QueueProgress>(`/api/v1/queue/progress?${new URLSearchParams(filters as Record<string, string>)}`),
  decide: (sampleId: number, input: AdjudicationInput) => apiJson<Decision>(`/api/v1/samples/${sampleId}/adjudications`, { method: "POST", body: JSON.stringify(input) }),
  undo: (sampleId: number) => post<{ sampleId: number }>(`/api/v1/samples/${sampleId}/adjudications/undo`),
  renew: (sampleId: number) => post<{ leaseExpiresAt: string }>(`/api/v1/samples/${sampleId}/lease`),
  skip: (sampleId: number, reason: string) => post<{ sampleId: number }>(`/api/v1/samples/${sampleId}/skip`, { reason }),
  flag: (sampleId: number, note: string) => post<{ sampleId: number }>(`/api/v1/samples/${sampleId}/flag`, { note }),
};
