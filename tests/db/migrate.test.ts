import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs/promises";
import path from "node:path";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { tempDir } from "../support/fixtures";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migration runner", () => {
  it("migrates a fresh database and records each migration the way Prisma does", async () => {
    database = await createTestDatabase({ migrate: false });
    const migrations = await readMigrations();
    const result = await applyMigrations(database.url);
    expect(result.applied).toEqual(migrations.map((migration) => migration.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      database.url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => [row.migration_name, row.checksum, row.applied_steps_count])).toEqual(
      migrations.map((migration) => [migration.name, migration.checksum, 1]),
    );
    expect(rows.every((row) => row.finished_at instanceof Date)).toBe(true);
    const tables = await query<{ tablename: string }>(database.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((table) => table.tablename)).toEqual(expect.arrayContaining(["samples", "dataset_facets", "audit_events", "leases"]));
  });

  it("does nothing on a second run", async () => {
    database = await createTestDatabase({ migrate: false });
    await applyMigrations(database.url);
    const second = await applyMigrations(database.url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe((await readMigrations()).length);
  });

  it("lets two processes start at once: each migration is applied exactly once", async () => {
    database = await createTestDatabase({ migrate: false });
    const [a, b] = await Promise.all([applyMigrations(database.url), applyMigrations(database.url)]);
    const names = (await readMigrations()).map((migration) => migration.name);
    expect([...a.applied, ...b.applied].sort()).toEqual(names);
    const rows = await query<{ count: string }>(database.url, `SELECT count(*) FROM "_prisma_migrations"`);
    expect(Number(rows[0]!.count)).toBe(names.length);
  });

  it("refuses a migration edited after it was applied, and rolls back a failing one", async () => {
    database = await createTestDatabase({ migrate: false });
    const dir = await tempDir();
    await fs.mkdir(path.join(dir, "001_first"));
    await fs.writeFile(path.join(dir, "001_first", "migration.sql"), "CREATE TABLE t1 (id int);");
    await applyMigrations(database.url, dir);
    await fs.writeFile(path.join(dir, "001_first", "migration.sql"), "CREATE TABLE t1 (id bigint);");
    await expect(applyMigrations(database.url, dir)).rejects.toThrow(/changed after it was applied/);

    await fs.writeFile(path.join(dir, "001_first", "migration.sql"), "CREATE TABLE t1 (id int);");
    await fs.mkdir(path.join(dir, "002_broken"));
    await fs.writeFile(path.join(dir, "002_broken", "migration.sql"), "CREATE TABLE t2 (id int); SELECT no_such_function();");
    await expect(applyMigrations(database.url, dir)).rejects.toThrow(/002_broken failed/);
    const tables = await query<{ tablename: string }>(database.url, `SELECT tablename FROM pg_tables WHERE tablename IN ('t1', 't2')`);
    expect(tables.map((table) => table.tablename)).toEqual(["t1"]);
    const recorded = await query<{ migration_name: string }>(database.url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((row) => row.migration_name)).toEqual(["001_first"]);
  });
});

describe("the import_throughput migration", () => {
  it("moves each sample's verdicts into samples.judges in their order, and lists the facets already stored", async () => {
    database = await createTestDatabase({ migrate: false });
    const migrations = await readMigrations();
    const target = migrations.findIndex((migration) => migration.name.endsWith("_import_throughput"));
    const before = await tempDir();
    for (const migration of migrations.slice(0, target)) {
      await fs.mkdir(path.join(before, migration.name));
      await fs.writeFile(path.join(before, migration.name, "migration.sql"), migration.sql);
    }
    await applyMigrations(database.url, before);
    await query(
      database.url,
      `WITH d AS (INSERT INTO datasets (name) VALUES ('old') RETURNING id),
            s AS (INSERT INTO samples (dataset_id, external_id, question, thinking, answer, category, image_condition, attack,
                                       source, model, content_hash, route, consensus, votes, audit_bucket, review_bucket)
                  SELECT id, 'x1', 'q', 't', 'a', 'crime', 'jailbreak', 'FigStep', 'S-Eval', 'm', 'h', 'majority', '1',
                         '{"b": 1, "a": 0, "c": 1}', 1, 1 FROM d RETURNING id)
       INSERT INTO judge_verdicts (sample_id, position, judge, analysis, judgment)
       SELECT id, p, j, 'why ' || j, l::risk_level FROM s, (VALUES (2, 'c', '1'), (0, 'b', '1'), (1, 'a', '0')) AS v(p, j, l)`,
    );
    await applyMigrations(database.url);
    const [sample] = await query<{ judges: unknown }>(database.url, `SELECT judges FROM samples`);
    expect(sample!.judges).toEqual([
      { name: "b", analysis: "why b", judgment: 1 },
      { name: "a", analysis: "why a", judgment: 0 },
      { name: "c", analysis: "why c", judgment: 1 },
    ]);
    const facets = await query<{ facet: string; value: string }>(database.url, `SELECT facet::text, value FROM dataset_facets ORDER BY 1, 2`);
    expect(facets.map((facet) => `${facet.facet}:${facet.value}`)).toEqual(["attack:FigStep", "source:S-Eval", "model:m", "judge:a", "judge:b", "judge:c"].sort());
  });
});

describe("queue buckets", () => {
  it("are computed the same way by the migration's SQL and by the importer", async () => {
    const { bucketOf } = await import("@/lib/queue/buckets");
    database = await createTestDatabase();
    const ids = ["seval-000123", "demo-0001", "ünïcødé-✓", "a'b\"c\\d", ""];
    const rows = await query<{ id: string; audit: number; review: number }>(
      database.url,
      `SELECT id,
              (('x' || substr(encode(sha256(convert_to('audit:' || id, 'UTF8')), 'hex'), 1, 8))::bit(32)::bigint % 10000)::int AS audit,
              (('x' || substr(encode(sha256(convert_to('review:' || id, 'UTF8')), 'hex'), 1, 8))::bit(32)::bigint % 10000)::int AS review
         FROM unnest(ARRAY[${ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(", ")}]) AS id`,
    );
    expect(rows).toEqual(ids.map((id) => ({ id, audit: bucketOf("audit", id), review: bucketOf("review", id) })));
    const spread = new Set(Array.from({ length: 200 }, (_, index) => Math.floor(bucketOf("audit", `s${index}`) / 1000)));
    expect(spread.size).toBe(10);
  });
});
