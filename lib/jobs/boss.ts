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

/** Where jobs go (`name`), and every queue to create for it: itself and its dead-letter queue. */
export type JobQueue = { name: string; queues: PgBoss.Queue[] };

/**
 * A queue of long jobs (an import, an export): a failed job, or one that runs past `expireInSeconds` (its
 * worker was killed), is retried with backoff `retryLimit` times, then moved to `<name>_dead`.
 */
export function retriedQueue(name: string, retryLimit: number, expireInSeconds: number): JobQueue {
  const deadLetter = `${name}_dead`;
  return {
    name,
    queues: [
      { name: deadLetter, policy: "standard" },
      { name, policy: "standard", retryLimit, retryDelay: 10, retryBackoff: true, expireInSeconds, deadLetter },
    ],
  };
}

/** A started pg-boss with the queue created, for the worker that takes its jobs. */
export async function openQueue(queue: JobQueue): Promise<PgBoss> {
  const boss = await openBoss();
  await ensureQueues(boss, queue.queues);
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
 * Sends a job inside the caller's transaction, so it exists exactly when what it works on commits; the
 * queue (and its dead-letter queue) is created first when missing.
 */
export async function sendInTransaction(client: pg.ClientBase, queue: JobQueue, data: object): Promise<void> {
  await ensureQueuesOnce(queue.queues);
  await jobSender(client).send(queue.name, data);
}

/** Inserts many jobs of the queue in one statement, through the pool. */
export async function insertJobs(queue: JobQueue, jobs: Omit<PgBoss.JobInsert, "name">[]): Promise<void> {
  await ensureQueuesOnce(queue.queues);
  await jobSender(pool()).insert(jobs.map((job) => ({ ...job, name: queue.name })));
}
