import type PgBoss from "pg-boss";
import { openQueue } from "../jobs/boss";

export const TOKEN_QUEUE = "count-tokens";

/**
 * The token job's queue: one waiting job at a time is enough (each run counts everything pending), so
 * the queue holds at most one waiting and one running (`stately`); pg-boss's schedule adds one every minute, and the worker one at start.
 */
export async function openTokenQueue(): Promise<PgBoss> {
  return openQueue({ name: TOKEN_QUEUE, queues: [{ name: TOKEN_QUEUE, policy: "stately", retryLimit: 3, retryDelay: 30, expireInSeconds: 3600 }] });
}
