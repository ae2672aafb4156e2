import type { Queryable } from "../../db/pool";
import type { QueueFilters } from "./queue-schemas";

export type QueueScope = {
  from: string;
  filters: string;
  params: unknown[];
  /** The filters on the sample's own columns, for `alias` (the gold samples a claim may mix in must match them too). */
  sampleFilters: (alias: string) => string;
  /** The filter on the dataset, for a dataset id column (`TRUE` without one). */
  datasetFilter: (column: string) => string;
};

/**
 * The queue items matching the filters, as `FROM ${from} WHERE ${filters}`, with the expert's id as $1
 * for the conditions that follow. The samples are joined only for a filter on their columns: the dataset
 * is on the queue item.
 */
export function queueScope(expertId: string, filters: QueueFilters): QueueScope {
  const params: unknown[] = [expertId];
  const placeholder = (value: string) => {
    params.push(value);
    return `$${params.length}`;
  };
  const dataset = filters.dataset === undefined ? null : placeholder(filters.dataset);
  const bySample = (
    [
      ["category", filters.category, "::category"],
      ["image_condition", filters.imageCondition, "::image_condition"],
      ["attack", filters.attack, ""],
      ["model", filters.model, ""],
    ] as const
  ).flatMap(([column, value, cast]) => (value === undefined ? [] : [{ column, parameter: `${placeholder(value)}${cast}` }]));
  const sampleFilters = (alias: string) => bySample.map(({ column, parameter }) => `${alias}.${column} = ${parameter}`).join(" AND ") || "TRUE";
  const datasetFilter = (column: string) => (dataset === null ? "TRUE" : `${column} = (SELECT id FROM datasets WHERE name = ${dataset})`);
  return {
    from: bySample.length > 0 ? "queue_items q JOIN samples s ON s.id = q.sample_id" : "queue_items q",
    filters: `${datasetFilter("q.dataset_id")} AND ${sampleFilters("s")}`,
    params,
    sampleFilters,
    datasetFilter,
  };
}

/**
 * How many items of the scope are held from expert $1 now, the complement of `availableToExpert`: someone
 * holds a live lease on the sample, the expert skipped or already decided it, an open flag holds it
 * back, or it is assigned to another expert. A second opinion excluded for the expert needs no arm of its own: it exists only while their
 * first decision does (an undo of that decision drops it). Each arm starts from a small set, so the count
 * never walks the whole queue.
 */
export function heldFromExpertCount(scope: QueueScope): string {
  return `SELECT count(*) FROM ${scope.from}
      JOIN (SELECT sample_id FROM leases WHERE expires_at > now()
            UNION SELECT sample_id FROM queue_skips WHERE expert_id = $1
            UNION SELECT sample_id FROM adjudications WHERE expert_id = $1
            UNION SELECT sample_id FROM sample_flags WHERE resolved_at IS NULL
            UNION SELECT sample_id FROM queue_items WHERE assigned_to_id IS NOT NULL AND assigned_to_id <> $1 AND assigned_until > now()) held
         ON held.sample_id = q.sample_id
     WHERE ${scope.filters}`;
}

export type AvailableItems = { from: string; where: string; order: string; params: unknown[]; scope: QueueScope };

/**
 * The queue items expert $1 may take now, as `FROM ${from} WHERE ${where} ORDER BY ${order}`, in the
 * queue's order. Under a dataset filter the order leads with the dataset (one value, so the same order):
 * that lets the planner walk the per-dataset index even in a generic plan, where it cannot know the
 * dataset and might otherwise walk the whole queue's index past every other dataset's backlog.
 */
export function availableToExpert(expertId: string, filters: QueueFilters): AvailableItems {
  const scope = queueScope(expertId, filters);
  const available = [
    `NOT EXISTS (SELECT 1 FROM leases l WHERE l.sample_id = q.sample_id AND l.expires_at > now())`,
    `(q.excluded_expert_id IS NULL OR q.excluded_expert_id <> $1)`,
    `NOT EXISTS (SELECT 1 FROM queue_skips k WHERE k.sample_id = q.sample_id AND k.expert_id = $1)`,
    `NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.sample_id = q.sample_id AND a.expert_id = $1)`,
    `NOT EXISTS (SELECT 1 FROM sample_flags f WHERE f.sample_id = q.sample_id AND f.resolved_at IS NULL)`,
    // An item sent to another expert stays theirs until the assignment runs out.
    `(q.assigned_to_id IS NULL OR q.assigned_to_id = $1 OR q.assigned_until <= now())`,
  ];
  const order = `${filters.dataset !== undefined ? "q.dataset_id, " : ""}q.priority, q.enqueued_at, q.sample_id`;
  return { from: scope.from, where: [...available, scope.filters].join("\n        AND "), order, params: scope.params, scope };
}

/**
 * Where expert $1 stands on every dataset (docs/quality-control.md), one row each: `restricted` to named
 * experts or groups that leave them out, `paused` on it, `uncalibrated` (it requires a calibration round
 * they have not passed), `failed` their current round, `capped` (they made its daily cap of decisions
 * today: docs/safe-viewing.md; `capped_ahead`: they will have once the sample in hand is decided, which
 * closes it to a claim-ahead), with the dataset's gold rate and their round. The claim reads it once (a
 * materialised CTE); a dataset that is restricted, pausing or uncalibrated has its real queue closed to
 * them, and a capped one too unless they chose to go on.
 */
export const EXPERT_DATASETS = `SELECT d.id, d.gold_rate_bp, coalesce(st.calibration_round, 1) AS calibration_round,
          EXISTS (SELECT 1 FROM dataset_access r WHERE r.dataset_id = d.id)
            AND NOT EXISTS (SELECT 1 FROM dataset_access r WHERE r.dataset_id = d.id
                              AND (r.expert_id = $1 OR r.group_name = ANY (SELECT unnest(groups) FROM users WHERE id = $1))) AS restricted,
          st.paused_at IS NOT NULL AS paused,
          d.calibration_items > 0 AND st.calibrated_at IS NULL AS uncalibrated,
          st.calibration_failed_at IS NOT NULL AS failed,
          coalesce(today.n >= d.daily_cap, false) AS capped,
          coalesce(today.n + 1 >= d.daily_cap, false) AS capped_ahead
     FROM datasets d LEFT JOIN expert_standings st ON st.expert_id = $1 AND st.dataset_id = d.id
     LEFT JOIN LATERAL (SELECT ${decidedTodayOn("d.id")} AS n WHERE d.daily_cap IS NOT NULL) today ON true`;

/**
 * Expert $1's decisions since midnight (server time) on the dataset with id `datasetColumn`, gold answers
 * included: what a daily cap counts. Both walk the expert's own decisions of the day by their indexes.
 */
export function decidedTodayOn(datasetColumn: string): string {
  return `(SELECT count(*) FROM adjudications a JOIN samples s ON s.id = a.sample_id
             WHERE a.expert_id = $1 AND a.created_at >= date_trunc('day', now()) AND s.dataset_id = ${datasetColumn})
        + (SELECT count(*) FROM gold_answers ga
             WHERE ga.expert_id = $1 AND ga.correct IS NOT NULL AND ga.answered_at >= date_trunc('day', now()) AND ga.dataset_id = ${datasetColumn})`;
}

/**
 * The expert's decisions since midnight, server time, gold answers included: a count that dropped back
 * after a gold answer would tell the expert the sample was gold.
 */
export async function decidedTodayBy(db: Queryable, expertId: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT (SELECT count(*) FROM adjudications WHERE expert_id = $1 AND created_at >= date_trunc('day', now()))::int
          + (SELECT count(*) FROM gold_answers WHERE expert_id = $1 AND correct IS NOT NULL AND answered_at >= date_trunc('day', now()))::int AS count`,
    [expertId],
  );
  return rows[0]!.count;
}

/** What is left in the scope for its expert: every matching item less those held from them. */
export async function remainingForExpert(db: Queryable, scope: QueueScope): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT (SELECT count(*) FROM ${scope.from} WHERE ${scope.filters})::int - (${heldFromExpertCount(scope)})::int AS count`,
    scope.params,
  );
  return rows[0]!.count;
}
