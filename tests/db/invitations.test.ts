import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { pool } from "@/lib/db/pool";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { acceptInvitation, describeInvitation } from "@/lib/services/users/accept-invitation";
import { inviteUser } from "@/lib/services/users/invite-user";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
const expert: Actor = { userId: null, email: "e@x", role: "expert", via: "session" };
const tokenOf = (path: string) => path.replace(/^\/invite\//, "");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

describe("invitations", () => {
  it("add a user without a password and a link that sets it once, with both steps in the audit trail", async () => {
    const invited = await inviteUser(CLI_ACTOR, { email: " New.Expert@Example.org ", role: "expert" });
    expect(invited.user).toMatchObject({ email: "new.expert@example.org", role: "expert" });
    expect(invited.invitePath).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(invited.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const token = tokenOf(invited.invitePath);
    const stored = await pool().query<{ token_hash: string; password_hash: string | null }>(
      `SELECT i.token_hash, u.password_hash FROM invitations i JOIN users u ON u.id = i.user_id WHERE u.id = $1`,
      [invited.user.id],
    );
    // Only the token's hash is kept, and there is no password until the link is used.
    expect(stored.rows[0]!.token_hash).not.toContain(token);
    expect(stored.rows[0]!.password_hash).toBeNull();

    expect(await describeInvitation(token)).toMatchObject({ email: "new.expert@example.org" });
    await expect(acceptInvitation(token, { password: "short" })).rejects.toBeInstanceOf(ValidationError);
    expect(await acceptInvitation(token, { password: "a fine long password" })).toEqual({ email: "new.expert@example.org" });
    const { rows } = await pool().query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [invited.user.id]);
    expect(await verifyPassword(rows[0]!.password_hash, "a fine long password")).toBe(true);

    await expect(acceptInvitation(token, { password: "another long password" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(describeInvitation(token)).rejects.toBeInstanceOf(NotFoundError);
    const audit = await pool().query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [invited.user.id]);
    expect(audit.rows.map((row) => row.action)).toEqual(["user.invite", "user.invitation_accepted"]);
  });

  it("refuse a taken email, a non-admin, an expired link and one racing itself", async () => {
    await expect(inviteUser(CLI_ACTOR, { email: "new.expert@example.org", role: "viewer" })).rejects.toBeInstanceOf(ConflictError);
    await expect(inviteUser(expert, { email: "x@example.org", role: "viewer" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(inviteUser(CLI_ACTOR, { email: "x@example.org", role: "owner" })).rejects.toBeInstanceOf(ValidationError);

    const expired = await inviteUser(CLI_ACTOR, { email: "late@example.org", role: "viewer" });
    await pool().query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [expired.user.id]);
    await expect(acceptInvitation(tokenOf(expired.invitePath), { password: "a fine long password" })).rejects.toBeInstanceOf(NotFoundError);

    const raced = await inviteUser(CLI_ACTOR, { email: "race@example.org", role: "viewer" });
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => acceptInvitation(tokenOf(raced.invitePath), { password: `password number ${n}` })));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === "rejected").every((outcome) => (outcome as PromiseRejectedResult).reason instanceof NotFoundError)).toBe(true);
  });
});
