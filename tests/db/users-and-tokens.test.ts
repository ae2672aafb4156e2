import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { actorFromRequest } from "@/lib/auth/request-actor";
import { pool } from "@/lib/db/pool";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { createApiToken } from "@/lib/services/tokens/create-api-token";
import { addUser } from "@/lib/services/users/add-user";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.drop());

const bearer = (token: string) => new Request("http://localhost/api/v1/samples", { headers: { authorization: `Bearer ${token}` } });

describe("users", () => {
  it("stores an argon2id hash, never the password, and refuses a second account with the same email", async () => {
    const user = await addUser(CLI_ACTOR, { email: "Ada@Example.org", role: "expert", password: "correct horse battery" });
    expect(user).toMatchObject({ email: "ada@example.org", role: "expert" });
    const { rows } = await pool().query(`SELECT password_hash FROM users WHERE id = $1`, [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0].password_hash).not.toContain("correct horse");
    await expect(addUser(CLI_ACTOR, { email: "ada@example.org", role: "viewer", password: "another long one" })).rejects.toThrow(ConflictError);
  });

  it("validates role, email and password length", async () => {
    await expect(addUser(CLI_ACTOR, { email: "x@y.org", role: "owner", password: "long enough pass" })).rejects.toThrow(ValidationError);
    await expect(addUser(CLI_ACTOR, { email: "not-an-email", role: "viewer", password: "long enough pass" })).rejects.toThrow(ValidationError);
    await expect(addUser(CLI_ACTOR, { email: "x@y.org", role: "viewer", password: "short" })).rejects.toThrow(ValidationError);
  });
});

describe("API tokens", () => {
  it("authenticate as their user; only the hash is stored; revoked or disabled means nobody", async () => {
    const user = await addUser(CLI_ACTOR, { email: "tok@example.org", role: "viewer", password: "a long password" });
    const { token, id } = await createApiToken(CLI_ACTOR, { email: "tok@example.org" });
    expect(token).toMatch(/^gts_[A-Za-z0-9_-]{43}$/);
    const { rows } = await pool().query(`SELECT token_hash, prefix FROM api_tokens WHERE id = $1`, [id]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(token.slice(4));
    expect(await actorFromRequest(bearer(token))).toEqual({ userId: user.id, email: "tok@example.org", role: "viewer", via: "token" });
    expect(await actorFromRequest(bearer(`${token}x`))).toBeNull();
    expect(await actorFromRequest(new Request("http://localhost/", { headers: { authorization: "Basic abc" } }))).toBeNull();

    await pool().query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [user.id]);
    expect(await actorFromRequest(bearer(token))).toBeNull();
    await pool().query(`UPDATE users SET disabled_at = NULL WHERE id = $1`, [user.id]);
    await pool().query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1`, [id]);
    expect(await actorFromRequest(bearer(token))).toBeNull();
  });

  it("may be created by a user for themselves, not for someone else", async () => {
    const other = await addUser(CLI_ACTOR, { email: "other@example.org", role: "viewer", password: "a long password" });
    const me = await addUser(CLI_ACTOR, { email: "me@example.org", role: "expert", password: "a long password" });
    const actor: Actor = { userId: me.id, email: me.email, role: "expert", via: "session" };
    await expect(createApiToken(actor, { email: "me@example.org" })).resolves.toMatchObject({ token: expect.any(String) });
    await expect(createApiToken(actor, { email: other.email })).rejects.toThrow(ForbiddenError);
  });
});

describe("audit trail", () => {
  it("records user and token creation, and refuses UPDATE, DELETE and TRUNCATE", async () => {
    const { rows } = await pool().query<{ action: string }>(`SELECT DISTINCT action FROM audit_events ORDER BY action`);
    expect(rows.map((row) => row.action)).toEqual(["token.create", "user.create"]);
    await expect(pool().query(`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(pool().query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(pool().query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });
});
