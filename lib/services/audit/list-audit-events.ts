import "server-only";
import type pg from "pg";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { parseInput } from "../parse-input";
import { auditFiltersSchema, auditView, type AuditEventView } from "./audit-filters";
import { auditCursor, auditRows } from "./audit-sql";

/** A page of the audit trail, newest first, for admins. */
export async function listAuditEvents(actor: Actor | null, query: unknown): Promise<{ items: AuditEventView[]; nextCursor: number | null }> {
  assertCan(actor, "audit:read");
  const filters = parseInput(auditFiltersSchema, query);
  const limit = filters.limit ?? 100;
  const rows = await auditRows(pool(), filters, limit + 1);
  const items = rows.slice(0, limit).map(auditView);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** Every matching event as JSON lines, streamed from a cursor, oldest first (for archives). */
export async function* exportAuditEvents(actor: Actor | null, query: unknown): AsyncGenerator<string> {
  assertCan(actor, "audit:read");
  const filters = parseInput(auditFiltersSchema, query);
  const client: pg.PoolClient = await pool().connect();
  const cursor = auditCursor(client, filters);
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
