import "server-only";
import type { Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { parseInput } from "../parse-input";
import { queueFiltersSchema } from "./queue-schemas";
import { decidedTodayBy, queueScope, remainingForExpert } from "./queue-sql";
import { requireExpert } from "./require-expert";

export type QueueProgress = { decidedToday: number; remaining: number };

/**
 * The workspace's counter, fetched after every claim: the caller's decisions since midnight (server time)
 * and what is left for them. "Left" is every matching item less those held from the caller, counted from
 * the small tables that hold them back; the direct count (`availableToExpert`, anti-joins over the whole
 * queue) took half a second at a million samples.
 */
export async function getQueueProgress(actor: Actor | null, rawFilters: unknown): Promise<QueueProgress> {
  const expertId = requireExpert(actor);
  const filters = parseInput(queueFiltersSchema, rawFilters);
  const scope = queueScope(expertId, filters);
  const [decidedToday, remaining] = await Promise.all([decidedTodayBy(pool(), expertId), remainingForExpert(pool(), scope)]);
  return { decidedToday, remaining };
}
