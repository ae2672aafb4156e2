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

const AUDIT_COLUMNS = `e.id::text AS id, e.at, coalesce(u.email, 'cli') AS actor, e.action, e.entity_type, e.entity_id, e.before, e.after`;

export type AuditRow = { id: string; at: Date; actor: string; action: string; entity_type: string; entity_id: string | null; before: unknown; after: unknown };

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
