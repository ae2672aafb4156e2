import PgBoss from "pg-boss";
import { log } from "../log";

/** The one background job system: pg-boss, in the app's own database, under this schema. */
export const PGBOSS_SCHEMA = "pgboss";

export function seconds(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 1 ? value : fallback;
}

/**
 * pg-boss in the app's own database. Jobs that run past their queue's expiry (a worker killed mid-job)
 * are failed by maintenance and retried with backoff, then moved to the queue's dead-letter queue.
 */
export async function openBoss(): Promise<PgBoss> {
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
  return boss;
}
