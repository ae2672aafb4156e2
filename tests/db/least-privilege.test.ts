import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { CLI_ACTOR, type Actor } from "@/lib/auth/actor";
import { prepareDatabase } from "@/lib/db/database-url";
import { grantAppRole } from "@/lib/db/roles";
import { closePool, pool } from "@/lib/db/pool";
import { disconnectDb } from "@/lib/db/prisma";
import { openPrelabelQueue } from "@/lib/prelabel/prelabel-queue";
import { importSamples } from "@/lib/services/import/import-samples";
import { claimNextSample } from "@/lib/services/queue/claim-next-sample";
import { submitAdjudication } from "@/lib/services/queue/submit-adjudication";
import { addUser } from "@/lib/services/users/add-user";
import { databaseUrlFor } from "../support/database-url-for";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";

const suffix = randomBytes(4).toString("hex");
const owner = `gts_test_owner_${suffix}`;
const app = `gts_test_app_${suffix}`;
const database = `gts_test_roles_${suffix}`;
const password = randomBytes(12).toString("hex");
const adminUrl = inject("adminDatabaseUrl");
const saved = { url: process.env.DATABASE_URL, owner: process.env.DATABASE_OWNER_URL };

const asRole = (role: string) => {
  const url = new URL(databaseUrlFor(adminUrl, database));
  url.username = role;
  url.password = password;
  return url.toString();
};

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  for (const role of [owner, app]) await admin(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await admin(`CREATE DATABASE ${database} OWNER ${owner}`);
  process.env.DATABASE_URL = asRole(app);
  process.env.DATABASE_OWNER_URL = asRole(owner);
  await prepareDatabase();
});

afterAll(async () => {
  await Promise.allSettled([closePool(), disconnectDb()]);
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  for (const role of [app, owner]) await admin(`DROP ROLE IF EXISTS ${role}`);
  process.env.DATABASE_URL = saved.url;
  process.env.DATABASE_OWNER_URL = saved.owner;
});

describe("least privilege: the app's role", () => {
  it("grants the app role from many processes starting at once, without a catalog race", async () => {
    // Each process grants at its start; at once, PostgreSQL would refuse all but one with "tuple concurrently updated".
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => grantAppRole(asRole(owner), app)));
    expect(results.filter((result) => result.status === "rejected").map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
  });

  it("is the app role, and cannot create, alter or drop a table", async () => {
    expect((await pool().query<{ role: string }>("SELECT current_user AS role")).rows[0]!.role).toBe(app);
    await expect(pool().query("ALTER TABLE samples ADD COLUMN planted int")).rejects.toThrow(/must be owner/);
    await expect(pool().query("DROP TABLE samples")).rejects.toThrow(/must be owner/);
    await expect(pool().query("CREATE TABLE planted (x int)")).rejects.toThrow(/permission denied/);
    await expect(pool().query("ALTER TABLE pgboss.job ADD COLUMN planted int")).rejects.toThrow(/must be owner/);
    await expect(pool().query(`DELETE FROM "_prisma_migrations"`)).rejects.toThrow(/permission denied/);
  });

  it("can only append to and read the audit trail", async () => {
    await pool().query(`INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('test.append', 'test', 'x')`);
    expect((await pool().query(`SELECT count(*)::int AS count FROM audit_events WHERE action = 'test.append'`)).rows[0]).toEqual({ count: 1 });
    for (const statement of [`UPDATE audit_events SET action = 'rewritten'`, `DELETE FROM audit_events`, `TRUNCATE audit_events`]) {
      await expect(pool().query(statement), statement).rejects.toThrow(/permission denied/);
    }
  });

  it("does the app's work: import, claim and decide, and a new model version's queue", async () => {
    const dir = await tempDir();
    const file = await writeJsonl(dir, "roles.jsonl", [sampleLine("r-1", { judges: [{ name: "a", analysis: "x", judgment: 0 }, { name: "b", analysis: "y", judgment: 1 }, { name: "c", analysis: "z", judgment: 0 }] })]);
    expect((await importSamples({ actor: CLI_ACTOR, file, dataset: "roles" })).imported).toBe(1);
    const user = await addUser(CLI_ACTOR, { email: "expert@roles.test", role: "expert", password: "a long password" });
    const expert: Actor = { userId: user.id, email: user.email, role: "expert", via: "session" };
    const claim = await claimNextSample(expert, {});
    expect(claim).not.toBeNull();
    await submitAdjudication(expert, claim!.sample.id, { supports: "a" });
    // pg-boss makes a partition table per queue: the app creates it through pg-boss's function, as the owner.
    const { boss, queue } = await openPrelabelQueue({ model: "roles-model", version: suffix });
    try {
      expect(await boss.send(queue, { sampleId: claim!.sample.id, model: "roles-model", version: suffix })).toEqual(expect.any(String));
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
