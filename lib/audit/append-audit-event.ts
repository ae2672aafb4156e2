import type pg from "pg";
import type { Actor } from "../auth/actor";

export type AuditEventInput = {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Appends to the audit trail inside the caller's transaction, so the event and the change commit together. */
export async function appendAuditEvent(client: pg.ClientBase, event: AuditEventInput): Promise<void> {
  const after = event.actor.via === "cli" && event.after && typeof event.after === "object"
    ? { ...event.after, via: "cli" }
    : event.after;
  await client.query(
    `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`,
    [
      event.actor.userId,
      event.action,
      event.entityType,
      event.entityId ?? null,
      event.before === undefined ? null : JSON.stringify(event.before),
      after === undefined ? null : JSON.stringify(after),
    ],
  );
}
