import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { recordSignInAttempt, signInGate, TooManySignInAttempts } from "@/lib/auth/sign-in-limit";
import { pool } from "@/lib/db/pool";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createApiToken, createOwnToken } from "@/lib/services/tokens/create-api-token";
import { listOwnTokens } from "@/lib/services/tokens/list-tokens";
import { revokeToken } from "@/lib/services/tokens/revoke-token";
import { addUser } from "@/lib/services/users/add-user";
import { changePassword } from "@/lib/services/users/change-password";
import { listUsers } from "@/lib/services/users/list-users";
import { updateUser } from "@/lib/services/users/update-user";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let admin: Actor;
let viewer: Actor;
let other: Actor;

const actorOf = (user: { id: string; email: string; role: Actor["role"] }): Actor => ({ userId: user.id, email: user.email, role: user.role, via: "session" });

beforeAll(async () => {
  database = await createTestDatabase();
  admin = actorOf(await addUser(CLI_ACTOR, { email: "admin@example.org", role: "admin", password: "admin password 1" }));
  viewer = actorOf(await addUser(CLI_ACTOR, { email: "viewer@example.org", role: "viewer", password: "viewer password 1" }));
  other = actorOf(await addUser(CLI_ACTOR, { email: "other@example.org", role: "expert", password: "other password 1" }));
});
afterAll(async () => database.drop());

const actions = async (entityId: string) =>
  (await pool().query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [entityId])).rows.map((row) => row.action);

describe("tokens, passwords and users", () => {
  it("lists and revokes one's own tokens; someone else's token is invisible, an admin may revoke any", async () => {
    const mine = await createOwnToken(viewer, { name: "laptop" });
    const theirs = await createApiToken(CLI_ACTOR, { email: other.email, name: "ci" });
    expect((await listOwnTokens(viewer)).map((token) => token.name)).toEqual(["laptop"]);
    await expect(revokeToken(viewer, theirs.id)).rejects.toThrow(NotFoundError);
    await revokeToken(viewer, mine.id);
    expect((await listOwnTokens(viewer))[0]!.revokedAt).not.toBeNull();
    await revokeToken(admin, theirs.id);
    expect(await actions(theirs.id)).toEqual(["token.create", "token.revoke"]);
    await expect(createOwnToken(viewer, { name: "" })).rejects.toThrow(ValidationError);
  });

  it("changes a password only with the current one", async () => {
    await expect(changePassword(viewer, { current: "wrong password", next: "a brand new password" }, "127.0.0.5")).rejects.toThrow(ValidationError);
    await expect(changePassword(viewer, { current: "viewer password 1", next: "short" }, "127.0.0.5")).rejects.toThrow(ValidationError);
    await changePassword(viewer, { current: "viewer password 1", next: "a brand new password" }, "127.0.0.5");
    expect(await actions(viewer.userId!)).toContain("user.password");
  });

  it("lets an admin change roles and disable users, but not lock themselves out", async () => {
    await expect(updateUser(viewer, other.userId, { role: "admin" })).rejects.toThrow(ForbiddenError);
    expect(await updateUser(admin, other.userId, { role: "viewer", disabled: true })).toMatchObject({ role: "viewer", disabled: true });
    expect(await actions(other.userId!)).toEqual(["user.create", "user.role", "user.disable"]);
    await expect(updateUser(admin, admin.userId, { disabled: true })).rejects.toThrow(ConflictError);
    await expect(updateUser(admin, admin.userId, { role: "viewer" })).rejects.toThrow(ConflictError);
    await expect(updateUser(admin, "00000000-0000-4000-8000-000000000000", { role: "viewer" })).rejects.toThrow(NotFoundError);
    expect((await listUsers(admin)).find((user) => user.email === other.email)).toMatchObject({ role: "viewer", disabled: true });
  });

  it("refuses a client that keeps failing, never the owner elsewhere: others' failures only slow the account down", async () => {
    // Five failures from one client lock that client out of the account, and nobody else.
    for (let attempt = 0; attempt < 5; attempt += 1) await recordSignInAttempt("target@example.org", "10.0.0.1", false);
    await expect(signInGate("target@example.org", "10.0.0.1")).rejects.toThrow(TooManySignInAttempts);
    await expect(signInGate("target@example.org", "10.0.0.99")).resolves.toEqual({ delayMs: 0 });
    await expect(signInGate("someone-else@example.org", "10.0.0.1")).resolves.toEqual({ delayMs: 0 });
    // Past five on the account from all clients, attempts wait: 250 ms doubled per further failure, capped.
    await recordSignInAttempt("target@example.org", "10.0.0.2", false);
    await expect(signInGate("target@example.org", "10.0.0.99")).resolves.toEqual({ delayMs: 250 });
    await recordSignInAttempt("target@example.org", "10.0.0.3", false);
    await expect(signInGate("target@example.org", "10.0.0.99")).resolves.toEqual({ delayMs: 500 });
    for (let attempt = 0; attempt < 10; attempt += 1) await recordSignInAttempt("target@example.org", `10.0.1.${attempt}`, false);
    await expect(signInGate("target@example.org", "10.0.0.99")).resolves.toEqual({ delayMs: 8000 });
    // Unknown addresses are not one shared bucket (that would be a lockout switch): the account's delay only.
    for (let attempt = 0; attempt < 25; attempt += 1) await recordSignInAttempt("anon@example.org", null, false);
    await expect(signInGate("anon@example.org", null)).resolves.toEqual({ delayMs: 8000 });
  });

  it("refuses a client that sprays passwords across accounts", async () => {
    for (let attempt = 0; attempt < 20; attempt += 1) await recordSignInAttempt(`spray${attempt}@example.org`, "192.0.2.7", false);
    await expect(signInGate("fresh@example.org", "192.0.2.7")).rejects.toThrow(/Try again in \d+ minute/);
    await expect(signInGate("fresh@example.org", "192.0.2.8")).resolves.toEqual({ delayMs: 0 });
  });

  it("counts wrong current passwords as failures and refuses the sixth", async () => {
    const guesser = actorOf(await addUser(CLI_ACTOR, { email: "guessed@example.org", role: "viewer", password: "guessed password 1" }));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(changePassword(guesser, { current: `guess ${attempt}`, next: "a brand new password" }, "127.0.0.9")).rejects.toThrow(ValidationError);
    }
    await expect(changePassword(guesser, { current: "guessed password 1", next: "a brand new password" }, "127.0.0.9")).rejects.toThrow(TooManySignInAttempts);
  });
});
