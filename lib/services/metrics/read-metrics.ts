import { timingSafeEqual } from "node:crypto";
import { assertCan, type Actor } from "../../auth/actor";
import { metrics } from "../../metrics/metrics";
import { registerStoreGauges } from "../../metrics/store-gauges";

const cache = globalThis as unknown as { gtsStoreGauges?: boolean };

/** Whether the request carries `GTS_METRICS_TOKEN` as its bearer token (compared in constant time). */
function metricsTokenMatches(authorization: string | null): boolean {
  const expected = process.env.GTS_METRICS_TOKEN;
  if (!expected || !authorization?.startsWith("Bearer ")) return false;
  const given = Buffer.from(authorization.slice("Bearer ".length));
  return given.length === Buffer.byteLength(expected) && timingSafeEqual(given, Buffer.from(expected));
}

/**
 * The process's metrics in the Prometheus text format, for a caller with `metrics:read` (an admin's token
 * or session) or the monitoring stack's `GTS_METRICS_TOKEN`; the caller is looked up only without it.
 * `store`: with the gauges read from the database, which the web server reports and the worker does not.
 */
export async function readMetrics(authorization: string | null, caller: () => Promise<Actor | null>, { store }: { store: boolean }): Promise<{ body: string; contentType: string }> {
  if (!metricsTokenMatches(authorization)) assertCan(await caller(), "metrics:read");
  const { registry } = metrics();
  if (store && !cache.gtsStoreGauges) {
    registerStoreGauges(registry);
    cache.gtsStoreGauges = true;
  }
  return { body: await registry.metrics(), contentType: registry.contentType };
}
