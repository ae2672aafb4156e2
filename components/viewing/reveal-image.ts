import { apiFetch } from "@/components/app/api-client";

/**
 * Tells the server an image was revealed, for the exposure record (docs/safe-viewing.md). The image shows
 * at once either way: a record that fails to send must not keep a reviewer from their work.
 */
export function recordReveal(sampleId: number): void {
  apiFetch(`/api/v1/samples/${sampleId}/reveal`, { method: "POST" }).catch((error: unknown) => console.warn("image reveal not recorded", error));
}
