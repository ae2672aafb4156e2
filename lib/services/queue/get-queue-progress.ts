import "server-only";
import type { Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { parseInput } from "../parse-input";
import { queueFiltersSchema } from "./queue-schemas";
import { availableToExpert } from "./queue-sql";
import { requireExpert } from "./require-expert";

export type QueueProgress = { decidedToday: number; remaining: number };

/** The workspace's counter: the caller's decisions since midnight (server time) and what is left for them. */
export async function getQueueProgress(actor: Actor | null, rawFilters: unknown): Promise<QueueProgress> {
  const expertId = requireExpert(actor);
  const filters = parseInput(queueFiltersSchema, rawFilters);
  const { from, where, params } = availableToExpert(expertId, filters);
  const [decided, remaining] = await Promise.all([
    pool().query<{ count: number }>(
      `SELECT count(*)::int AS count FROM adjudications WHERE expert_id = $1 AND created_at >= date_trunc('day', now())`,
      [expertId],
    ),
    pool().query<{ count: number }>(`SELECT count(*)::int AS count FROM ${from} WHERE ${where}`, params),
  ]);
  return { decidedToday: decided.rows[0]!.count, remaining: remaining.rows[0]!.count };
}
