import http from "node:http";
import { actorFromBearer } from "../lib/auth/bearer-actor";
import { UserError } from "../lib/errors";
import { log } from "../lib/log";
import { readMetrics } from "../lib/services/metrics/read-metrics";

/**
 * The worker's own /metrics (docs/operations.md), on `port` at `host` (loopback unless told otherwise):
 * what its jobs did, under the same rule as the web server's (an admin's bearer token, or
 * GTS_METRICS_TOKEN). The store's gauges are the web server's to report.
 */
export async function serveWorkerMetrics(port: number, host: string): Promise<{ close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    const authorization = request.headers.authorization ?? null;
    readMetrics(authorization, async () => (authorization ? actorFromBearer(authorization) : null), { store: false }).then(
      ({ body, contentType }) => response.writeHead(200, { "content-type": contentType, "cache-control": "no-store" }).end(body),
      (error: unknown) => {
        if (!(error instanceof UserError)) log.error("worker metrics failed", { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        const status = error instanceof UserError ? error.status : 500;
        response.writeHead(status, { "content-type": "text/plain" }).end(error instanceof UserError ? `${error.message}\n` : "internal error\n");
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  log.info("worker metrics listening", { url: `http://${host}:${port}/metrics` });
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}
