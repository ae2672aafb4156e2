import type { Queryable } from "../../db/pool";
import { decidedTodayOn } from "../queue/queue-sql";

// The statements of safe viewing (docs/safe-viewing.md): the break reminder's inputs, and the audit
// events of an expert's exposure, each recorded once for what it marks (a stretch, a day).

/** Decisions of the last day the stretch is looked for in; a stretch longer than a day is not work. */
const STRETCH_LOOKBACK = "1 day";

/**
 * The sample's dataset's break reminder setting, the expert's decisions (gold answers included) of the
 * last day newest first when it has one, and the database's clock, which stamped them.
 */
export async function breakInputs(db: Queryable, expertId: string, sampleId: number): Promise<{ breakAfter: number | null; decidedAt: Date[]; now: Date }> {
  const { rows } = await db.query<{ break_after_minutes: number | null; decided_at: Date[]; now: Date }>(
    `SELECT d.break_after_minutes, now() AS now,
            CASE WHEN d.break_after_minutes IS NULL THEN '{}'::timestamptz[] ELSE ARRAY(
              SELECT at FROM (SELECT created_at AS at FROM adjudications WHERE expert_id = $1 AND created_at > now() - interval '${STRETCH_LOOKBACK}'
                              UNION ALL
                              SELECT answered_at FROM gold_answers WHERE expert_id = $1 AND answered_at > now() - interval '${STRETCH_LOOKBACK}') decided
               ORDER BY at DESC) END AS decided_at
       FROM samples s JOIN datasets d ON d.id = s.dataset_id WHERE s.id = $2`,
    [expertId, sampleId],
  );
  const row = rows[0];
  return row ? { breakAfter: row.break_after_minutes, decidedAt: row.decided_at, now: row.now } : { breakAfter: null, decidedAt: [], now: new Date() };
}

/** Records a break reminder in the audit trail, once per stretch (the stretch is known by its start). */
export async function recordBreakReminder(db: Queryable, expertId: string, sampleId: number, since: string, minutes: number): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, after)
     SELECT $1, 'exposure.break_reminder', 'dataset', s.dataset_id::text, jsonb_build_object('stretchStart', $3::text, 'minutes', $4::int)
       FROM samples s
      WHERE s.id = $2
        AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.actor_id = $1 AND e.action = 'exposure.break_reminder' AND e.at >= $3::timestamptz)`,
    [expertId, sampleId, since, minutes],
  );
}

/**
 * Records that the expert went on past the daily cap of the sample's dataset, once per dataset and day,
 * with the count they had reached; nothing when the dataset has no cap or they are below it.
 */
export async function recordCapPassed(db: Queryable, expertId: string, sampleId: number): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, after)
     SELECT $1, 'exposure.cap_passed', 'dataset', d.id::text, jsonb_build_object('dailyCap', d.daily_cap, 'decidedToday', n.count)
       FROM samples s JOIN datasets d ON d.id = s.dataset_id
      CROSS JOIN LATERAL (SELECT ${decidedTodayOn("d.id")} AS count) n
      WHERE s.id = $2 AND d.daily_cap IS NOT NULL AND n.count >= d.daily_cap
        AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.actor_id = $1 AND e.action = 'exposure.cap_passed'
                          AND e.entity_id = d.id::text AND e.at >= date_trunc('day', now()))`,
    [expertId, sampleId],
  );
}

/**
 * Records that the user revealed the sample's image, with its external id so the trail reads without a
 * lookup; false when there is no such sample or it has no image.
 */
export async function recordImageReveal(db: Queryable, userId: string | null, sampleId: number, via: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, after)
     SELECT $1, 'image.revealed', 'sample', s.id::text, jsonb_build_object('externalId', s.external_id, 'via', $3::text)
       FROM samples s WHERE s.id = $2 AND s.image_sha256 IS NOT NULL`,
    [userId, sampleId, via],
  );
  return rowCount === 1;
}
