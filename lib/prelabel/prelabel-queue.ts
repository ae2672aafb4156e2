import PgBoss from "pg-boss";
import { log } from "../log";

export const PRELABEL_QUEUE = "prelabel";
export const PRELABEL_DEAD_LETTER = "prelabel_dead";
export const PGBOSS_SCHEMA = "pgboss";

export type PrelabelJob = { sampleId: number; model: string; version: string };

function seconds(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 1 ? value : fallback;
}

/**
 * pg-boss in the app's own database. Jobs that run past `GTS_PRELABEL_EXPIRE_SECONDS` (a worker killed
 * mid-batch) are failed by maintenance and retried with backoff; after `GTS_PRELABEL_RETRIES` they move to
 * the dead-letter queue, where the worker panel shows their error.
 */
export async function openPrelabelQueue(): Promise<PgBoss> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const boss = new PgBoss({
    connectionString,
    schema: PGBOSS_SCHEMA,
    max: 4,
    maintenanceIntervalSeconds: seconds("GTS_QUEUE_MAINTENANCE_SECONDS", 30),
  });
  boss.on("error", (error: Error) => log.warn("job queue error", { error: error.message }));
  await boss.start();
  await boss.createQueue(PRELABEL_DEAD_LETTER, { name: PRELABEL_DEAD_LETTER, policy: "standard" });
  await boss.createQueue(PRELABEL_QUEUE, {
    name: PRELABEL_QUEUE,
    // At most one waiting, one retrying and one running job per sample and model version.
    policy: "stately",
    retryLimit: seconds("GTS_PRELABEL_RETRIES", 3),
    retryDelay: seconds("GTS_PRELABEL_RETRY_DELAY_SECONDS", 5),
    retryBackoff: true,
    expireInSeconds: seconds("GTS_PRELABEL_EXPIRE_SECONDS", 300),
    deadLetter: PRELABEL_DEAD_LETTER,
  });
  return boss;
}

export function singletonKey(job: PrelabelJob): string {
  return `${job.sampleId}:${job.model}:${job.version}`;
}
