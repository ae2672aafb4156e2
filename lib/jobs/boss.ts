import PgBoss from "pg-boss";
import { pool } from "../db/pool";
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

/** Any fixed 64-bit key: every process takes it to create queues, one at a time. */
const QUEUE_CREATION_LOCK = 7_346_221_902;

/**
 * Creates the queues that do not exist yet. pg-boss's `createQueue` deadlocks when two processes create
 * queues at the same moment (two workers starting together), so creation is serialised by an advisory
 * lock, and a queue that exists is left as it is.
 */
export async function ensureQueues(boss: PgBoss, queues: PgBoss.Queue[]): Promise<void> {
  const client = await pool().connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [QUEUE_CREATION_LOCK]);
    for (const queue of queues) if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [QUEUE_CREATION_LOCK]).catch(() => {});
    client.release();
  }
}
