import client from "prom-client";
import { pool } from "../db/pool";
import { prelabelJobStates } from "../services/prelabel/prelabel-jobs-sql";
import { activeLeases, queueDepths } from "./metrics-sql";

/**
 * Gauges read from the database when scraped, so every web instance reports the same figures for the one
 * store: the queue's depth, the leases held and the pre-label jobs by state. Only the web server's
 * registry has them; the worker reports what it does itself.
 */
export function registerStoreGauges(registry: client.Registry): void {
  const registers = [registry];
  new client.Gauge({
    name: "gts_queue_depth",
    help: "Samples waiting in the adjudication queue, per dataset and round",
    labelNames: ["dataset", "round"] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await queueDepths(pool())) this.set({ dataset: row.dataset, round: row.round }, row.n);
    },
  });
  new client.Gauge({
    name: "gts_active_leases",
    help: "Samples leased to an expert whose lease has not run out",
    registers,
    async collect() {
      this.set(await activeLeases(pool()));
    },
  });
  new client.Gauge({
    name: "gts_prelabel_jobs",
    help: "Pre-label jobs by pg-boss state (created, retry, active, completed, failed), dead-lettered apart",
    labelNames: ["state"] as const,
    registers,
    async collect() {
      this.reset();
      for (const row of await prelabelJobStates(pool())) this.inc({ state: row.dead ? "dead_lettered" : row.state }, row.count);
    },
  });
}
