import client from "prom-client";

// Latencies an expert or a pipeline feels: from a few milliseconds to the 10 s a slow export request may take.
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "gts_" });
  const registers = [registry];
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "gts_http_request_duration_seconds",
      help: "API requests by method, route (its OpenAPI path) and status, from the handler's start to its answer",
      labelNames: ["method", "route", "status"] as const,
      buckets: SECONDS,
      registers,
    }),
    claims: new client.Counter({ name: "gts_claims_total", help: "Queue claims by outcome: claimed, empty (nothing to claim) or refused", labelNames: ["outcome", "ahead"] as const, registers }),
    claimDuration: new client.Histogram({ name: "gts_claim_duration_seconds", help: "Time to answer a queue claim", buckets: SECONDS, registers }),
    decisions: new client.Counter({ name: "gts_decisions_total", help: "Experts' decisions by kind (supports_judge, correction)", labelNames: ["kind"] as const, registers }),
    decisionDuration: new client.Histogram({ name: "gts_decision_duration_seconds", help: "Time to record a decision, lease check to commit", buckets: SECONDS, registers }),
    // The worker's: what its jobs did.
    prelabelsWritten: new client.Counter({ name: "gts_prelabels_written_total", help: "Pre-labels the worker wrote (its throughput is this counter's rate)", registers }),
    prelabelFailures: new client.Counter({ name: "gts_prelabel_failures_total", help: "Pre-label jobs that failed on the guard's reply or request", registers }),
    exportDuration: new client.Histogram({
      name: "gts_export_duration_seconds",
      help: "Exports by kind and outcome, from the worker taking the job to the bundle written",
      labelNames: ["kind", "outcome"] as const,
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers,
    }),
    exportRows: new client.Counter({ name: "gts_export_rows_total", help: "Rows written by finished exports, by kind", labelNames: ["kind"] as const, registers }),
    importRows: new client.Counter({ name: "gts_import_rows_total", help: "Records of finished imports by outcome: imported, updated, unchanged, rejected", labelNames: ["outcome"] as const, registers }),
  };
}

export type Metrics = ReturnType<typeof create>;

// One registry per process, however many route bundles import this module.
const cache = globalThis as unknown as { gtsMetrics?: Metrics };

/** The process's metrics: the web server serves them at /metrics (docs/operations.md). */
export function metrics(): Metrics {
  cache.gtsMetrics ??= create();
  return cache.gtsMetrics;
}
