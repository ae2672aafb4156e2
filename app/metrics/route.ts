import { actorFromRequest } from "@/lib/auth/request-actor";
import { publicApiHandler } from "@/lib/http/api-handler";
import { readMetrics } from "@/lib/services/metrics/read-metrics";

/** Prometheus scrapes this: an admin's bearer token, or `GTS_METRICS_TOKEN` (docs/operations.md). */
export const GET = publicApiHandler(async (request) => {
  const { body, contentType } = await readMetrics(request.headers.get("authorization"), () => actorFromRequest(request), { store: true });
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});
