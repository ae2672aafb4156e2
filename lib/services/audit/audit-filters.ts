import { z } from "zod";
import { optionalParam as optional } from "../../validation";

/** Filters of the audit trail: one schema for the page, the JSON API and the JSONL export. */
export const auditFiltersSchema = z.object({
  entityType: optional(z.string().trim().min(1).max(50)),
  entityId: optional(z.string().trim().min(1).max(100)),
  actor: optional(z.string().trim().min(1).max(320)),
  action: optional(z.string().trim().min(1).max(100)),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  cursor: optional(z.coerce.number().int().positive()),
  limit: optional(z.coerce.number().int().min(1).max(500)),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** The WHERE clause over `audit_events e LEFT JOIN users u`; values travel as parameters. */
export function auditWhere(filters: AuditFilters): { sql: string; params: unknown[] } {
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

export const AUDIT_COLUMNS = `e.id::text AS id, e.at, coalesce(u.email, 'cli') AS actor, e.action, e.entity_type, e.entity_id, e.before, e.after`;

export type AuditRow = { id: string; at: Date; actor: string; action: string; entity_type: string; entity_id: string | null; before: unknown; after: unknown };

export function auditView(row: AuditRow) {
  return { id: Number(row.id), at: row.at.toISOString(), actor: row.actor, action: row.action, entityType: row.entity_type, entityId: row.entity_id, before: row.before, after: row.after };
}
export type AuditEventView = ReturnType<typeof auditView>;
