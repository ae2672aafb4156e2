import { z } from "zod";
import { optionalParam as optional } from "../../validation";
import type { AuditRow } from "./audit-sql";

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

export function auditView(row: AuditRow) {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityLabel: row.entity_label,
    before: row.before,
    after: row.after,
  };
}
export type AuditEventView = ReturnType<typeof auditView>;
