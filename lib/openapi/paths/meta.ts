import type { Operation } from "../operation";

/** The API about itself and the process: its contract and its metrics. */
export const metaOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    summary: "This document",
    access: "signed-in",
    replies: [{ status: 200, description: "The OpenAPI 3.1 description of the API", contentType: "application/json" }],
  },
  {
    method: "get",
    path: "/metrics",
    tag: "Meta",
    summary: "The web process's metrics, for Prometheus",
    description: "Also readable with `Authorization: Bearer $GTS_METRICS_TOKEN` when that is set. The metrics are listed in docs/operations.md.",
    access: "metrics:read",
    replies: [{ status: 200, description: "The Prometheus text format", contentType: "text/plain; version=0.0.4" }],
  },
];
