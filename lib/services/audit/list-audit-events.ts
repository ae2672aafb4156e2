import "server-only";
import type pg from "pg";
import Cursor from "pg-cursor";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { parseInput } from "../parse-input";
import { AUDIT_COLUMNS, auditFiltersSchema, auditView, auditWhere, type AuditEventView, type AuditRow } from "./audit-filters";

/** A page of the audit trail, newest first, for admins. */
export async function listAuditEvents(actor: Actor | null, query: unknown): Promise<{ items: AuditEventView[]; nextCursor: number | null }> {
  assertCan(actor, "audit:read");
  const filters = parseInput(auditFiltersSchema, query);
  const limit = filters.limit ?? 100;
  const { sql, params } = auditWhere(filters);
  const { rows } = await pool().query<AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id ${sql} ORDER BY e.id DESC LIMIT ${limit + 1}`,
    params,
  );
  const items = rows.slice(0, limit).map(auditView);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** Every matching event as JSON lines, streamed from a cursor, oldest first (for archives). */
export async function* exportAuditEvents(actor: Actor | null, query: unknown): AsyncGenerator<string> {
  assertCan(actor, "audit:read");
  const filters = parseInput(auditFiltersSchema, query);
  const { sql, params } = auditWhere({ ...filters, cursor: undefined });
  const client: pg.PoolClient = await pool().connect();
  const cursor = client.query(new Cursor<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id ${sql} ORDER BY e.id`, params));
  try {
    for (;;) {
      const rows = await cursor.read(1000);
      if (rows.length === 0) return;
      yield rows.map((row) => `${JSON.stringify(auditView(row))}\n`).join("");
    }
  } finally {
    await cursor.close();
    client.release();
  }
}
