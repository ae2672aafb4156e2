import "server-only";
import { assertCan, type Actor } from "../../auth/actor";
import { pool } from "../../db/pool";
import { userRows } from "./user-sql";

export type UserView = { id: string; email: string; name: string | null; role: "admin" | "expert" | "viewer"; disabled: boolean; createdAt: string; lastDecisionAt: string | null };

export async function listUsers(actor: Actor | null): Promise<UserView[]> {
  assertCan(actor, "user:manage");
  return (await userRows(pool())).map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at.toISOString(),
    lastDecisionAt: row.last_decision?.toISOString() ?? null,
  }));
}
