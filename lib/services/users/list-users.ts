import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";

export type UserView = { id: string; email: string; name: string | null; role: "admin" | "expert" | "viewer"; disabled: boolean; createdAt: string; lastDecisionAt: string | null };

export async function listUsers(actor: Actor | null): Promise<UserView[]> {
  assertCan(actor, "user:manage");
  const { rows } = await pool().query<{ id: string; email: string; name: string | null; role: UserView["role"]; disabled_at: Date | null; created_at: Date; last_decision: Date | null }>(
    `SELECT u.id, u.email, u.name, u.role::text AS role, u.disabled_at, u.created_at,
            (SELECT max(a.created_at) FROM adjudications a WHERE a.expert_id = u.id) AS last_decision
       FROM users u ORDER BY u.email`,
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at.toISOString(),
    lastDecisionAt: row.last_decision?.toISOString() ?? null,
  }));
}
