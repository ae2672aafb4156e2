import type pg from "pg";
import Cursor from "pg-cursor";
import type { Queryable } from "../../db/pool";
import type { AuditFilters } from "./audit-filters";

/** The WHERE clause over `audit_events e LEFT JOIN users u`; values travel as parameters. */
function auditWhere(filters: AuditFilters): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(condition(`$${params.length}`));
  };
  if (filters.entityType) add((p) => `e.entity_type = ${p}`, filters.entityType);
  if (filters.entityId) add((p) => `e.entity_id = ${p}`, filters.entityId);
  if (filters.actor) add((p) => (filters.actor === "cli" ? `(e.actor_id IS NULL AND ${p} = 'cli')` : `u.email = ${p}`), filters.actor);
  if (filters.action) add((p) => `e.action = ${p}`, filters.action);
  if (filters.from) add((p) => `e.at >= ${p}::date`, filters.from);
  if (filters.to) add((p) => `e.at < ${p}::date`, filters.to);
  if (filters.cursor) add((p) => `e.id < ${p}`, filters.cursor);
  return { sql: conditions.length ? `WHERE ${conditions.join(" AND ")}` : "", params };
}

// What a person reads for the entity: a sample's external id (with its dataset), a user's email, a
// dataset's name. Each branch casts the id to its key's type, so the lookup is by primary key, and only
// after checking its shape: one odd id must not break the trail.
const UUID_SHAPE = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;
const ENTITY_LABEL = `CASE
      WHEN e.entity_type = 'sample' AND e.entity_id ~ '^[0-9]{1,9}$'
        THEN (SELECT s.external_id || ' (' || d.name || ')' FROM samples s JOIN datasets d ON d.id = s.dataset_id WHERE s.id = e.entity_id::int)
      WHEN e.entity_type = 'user' AND e.entity_id ~ ${UUID_SHAPE} THEN (SELECT x.email FROM users x WHERE x.id = e.entity_id::uuid)
      WHEN e.entity_type = 'dataset' AND e.entity_id ~ ${UUID_SHAPE} THEN (SELECT d.name FROM datasets d WHERE d.id = e.entity_id::uuid)
    END`;

const AUDIT_COLUMNS = `e.id::text AS id, e.at, coalesce(u.email, 'cli') AS actor, e.action, e.entity_type, e.entity_id, ${ENTITY_LABEL} AS entity_label, e.before, e.after`;

export type AuditRow = {
  id: string;
  at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** The entity as a person knows it; null when it is gone or has no readable name. */
  entity_label: string | null;
  before: unknown;
  after: unknown;
};

const FROM = `audit_events e LEFT JOIN users u ON u.id = e.actor_id`;

/** Up to `limit` matching events, newest first, from the filters' cursor on. */
export async function auditRows(db: Queryable, filters: AuditFilters, limit: number): Promise<AuditRow[]> {
  const { sql, params } = auditWhere(filters);
  const { rows } = await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM ${FROM} ${sql} ORDER BY e.id DESC LIMIT ${limit}`, params);
  return rows;
}

/** Every matching event, oldest first, as a cursor on the connection (the filters' own cursor ignored). */
export function auditCursor(client: pg.PoolClient, filters: AuditFilters): Cursor<AuditRow> {
  const { sql, params } = auditWhere({ ...filters, cursor: undefined });
  return client.query(new Cursor<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM ${FROM} ${sql} ORDER BY e.id`, params));
}
