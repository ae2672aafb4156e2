import PgBoss from "pg-boss";
import type pg from "pg";
import { pool, type Queryable } from "../db/pool";
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

/**
 * A pg-boss whose statements run on `db` (the pool, or one connection inside a transaction), for sending
 * jobs: it opens no connections of its own and runs no maintenance, so there is nothing to start or stop.
 * The web process sends with it; only workers start a pg-boss.
 */
function jobSender(db: Queryable): PgBoss {
  return new PgBoss({ schema: PGBOSS_SCHEMA, db: { executeSql: (text, values) => db.query(text, values) } });
}

/** The queues this process has seen exist, per database: a queue, once created, is never dropped. */
const ensured = new Map<string, Set<string>>();

async function ensureQueuesOnce(queues: PgBoss.Queue[]): Promise<void> {
  const url = process.env.DATABASE_URL ?? "";
  const known = ensured.get(url) ?? new Set<string>();
  ensured.set(url, known);
  const missing = queues.filter((queue) => !known.has(queue.name));
  if (missing.length === 0) return;
  await ensureQueues(jobSender(pool()), missing);
  for (const queue of missing) known.add(queue.name);
}

/**
 * Sends a job inside the caller's transaction, so it exists exactly when what it works on commits. The
 * job goes to the last of `queues`; the others (its dead-letter queue) are created with it when missing.
 */
export async function sendInTransaction(client: pg.ClientBase, queues: PgBoss.Queue[], data: object): Promise<void> {
  await ensureQueuesOnce(queues);
  await jobSender(client).send(queues[queues.length - 1]!.name, data);
}

/** Inserts many jobs of the last of `queues` in one statement, through the pool. */
export async function insertJobs(queues: PgBoss.Queue[], jobs: Omit<PgBoss.JobInsert, "name">[]): Promise<void> {
  await ensureQueuesOnce(queues);
  const name = queues[queues.length - 1]!.name;
  await jobSender(pool()).insert(jobs.map((job) => ({ ...job, name })));
}
