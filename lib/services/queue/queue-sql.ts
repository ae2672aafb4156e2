import type { QueueFilters } from "./queue-schemas";

/**
 * The queue items an expert may take now, as `FROM ${from} WHERE ${where}`: nobody holds a live lease,
 * the expert has neither skipped nor already decided the sample, it is not a second opinion on their own
 * decision, no open flag holds it back, and it matches the filters.
 */
export function availableToExpert(expertId: string, filters: QueueFilters): { from: string; where: string; params: unknown[] } {
  const params: unknown[] = [expertId];
  const conditions = [
    `NOT EXISTS (SELECT 1 FROM leases l WHERE l.sample_id = q.sample_id AND l.expires_at > now())`,
    `(q.excluded_expert_id IS NULL OR q.excluded_expert_id <> $1)`,
    `NOT EXISTS (SELECT 1 FROM queue_skips k WHERE k.sample_id = q.sample_id AND k.expert_id = $1)`,
    `NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.sample_id = q.sample_id AND a.expert_id = $1)`,
    `NOT EXISTS (SELECT 1 FROM sample_flags f WHERE f.sample_id = q.sample_id AND f.resolved_at IS NULL)`,
  ];
  const equals = (column: string, value: string | undefined, cast = "") => {
    if (value === undefined) return;
    params.push(value);
    conditions.push(`${column} = $${params.length}${cast}`);
  };
  if (filters.dataset !== undefined) {
    params.push(filters.dataset);
    conditions.push(`q.dataset_id = (SELECT id FROM datasets WHERE name = $${params.length})`);
  }
  equals("s.category", filters.category, "::category");
  equals("s.image_condition", filters.imageCondition, "::image_condition");
  equals("s.attack", filters.attack);
  equals("s.model", filters.model);
  // The samples are joined only for a filter on their columns: the dataset is on the queue item.
  const bySample = [filters.category, filters.imageCondition, filters.attack, filters.model].some((value) => value !== undefined);
  return { from: bySample ? "queue_items q JOIN samples s ON s.id = q.sample_id" : "queue_items q", where: conditions.join("\n        AND "), params };
}
