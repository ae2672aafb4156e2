import pg from "pg";
import { log } from "../log";

/** Anything a statement can run on: the pool, or one connection (inside a transaction). */
export type Queryable = pg.Pool | pg.ClientBase;

const cache = globalThis as unknown as { gtsPool?: { url: string; pool: pg.Pool } };

/** The process's one pg pool: the bulk paths (import, statistics, export) use it directly, Prisma through its adapter. */
export function pool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  if (cache.gtsPool?.url !== url) {
    const created = new pg.Pool({
      connectionString: url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // Only our named statements (lib/db/prepared.ts) are affected: they are chosen because their plan does
      // not depend on the parameter values, and PostgreSQL would otherwise re-plan each of them five times
      // per connection before settling on the generic plan.
      options: "-c plan_cache_mode=force_generic_plan",
    });
    // An idle connection dropped by the server (a restart, a failover) must not crash the process: the
    // pool discards it and the next query opens a fresh one.
    created.on("error", (error) => log.warn("database connection lost; it will be reopened", { error: error.message }));
    // A connection lost while checked out (between two statements of a transaction) errs on the client
    // itself: the statement in progress fails as usual, and the event must not become an uncaught exception.
    created.on("connect", (client) => client.on("error", (error) => log.warn("database connection lost while in use", { error: error.message })));
    cache.gtsPool = { url, pool: created };
  }
  return cache.gtsPool.pool;
}

export async function closePool(): Promise<void> {
  const current = cache.gtsPool;
  cache.gtsPool = undefined;
  await current?.pool.end();
}

/** Runs `work` in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Runs read-only `work` in one REPEATABLE READ snapshot, so several aggregates agree with each other. */
export function inReadOnlySnapshot<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(work, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}
