import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "@/lib/auth/actor";
import { applyMigrations } from "@/lib/db/migrate";
import { closePool, pool } from "@/lib/db/pool";
import { disconnectDb } from "@/lib/db/prisma";
import { readImage } from "@/lib/images/image-store";
import { importSamples } from "@/lib/services/import/import-samples";
import { getSample } from "@/lib/services/samples/get-sample";
import { sampleLine, tempDir, writeJsonl, writePng } from "../support/fixtures";
import { spawnCli } from "../support/spawn-cli";
import { databaseUrlFor } from "../support/database-url-for";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const run = promisify(execFile);
let database: TestDatabase;
let restored: string;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  if (restored) {
    const admin = new pg.Client({ connectionString: databaseUrlFor(database.url, "postgres") });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${restored}" WITH (FORCE)`);
    await admin.end();
  }
});

async function pgTools(): Promise<boolean> {
  const { stdout } = await run("pg_dump", ["--version"]).catch(() => ({ stdout: "" }));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const server = (await client.query<{ server_version_num: string }>("SHOW server_version_num")).rows[0]!.server_version_num;
  await client.end();
  const tool = Number(/(\d+)\./.exec(stdout)?.[1] ?? 0);
  return tool >= Math.floor(Number(server) / 10000);
}

describe("backup and restore", () => {
  it("round-trips the store: pg_dump/pg_restore of the database plus a copy of the image folder", async (context) => {
    if (!(await pgTools())) context.skip();
    const images = await tempDir("gts-images-");
    process.env.GTS_IMAGE_DIR = images;
    const dir = await tempDir();
    await writePng(path.join(dir, "a.png"), "#123456");
    await importSamples({ actor: CLI_ACTOR, file: await writeJsonl(dir, "b.jsonl", [sampleLine("b1", { image: "a.png", image_condition: "aligned" }), sampleLine("b2")]), dataset: "b" });
    const id = (await pool().query<{ id: number }>(`SELECT id FROM samples WHERE external_id = 'b1'`)).rows[0]!.id;
    const before = await getSample(CLI_ACTOR, id);

    const dump = path.join(await tempDir(), "store.dump");
    await run("pg_dump", ["--format=custom", "--no-owner", `--file=${dump}`, database.url]);
    const imagesCopy = await tempDir("gts-images-restored-");
    await fs.cp(images, imagesCopy, { recursive: true });

    restored = `${database.name}_restored`;
    const admin = new pg.Client({ connectionString: databaseUrlFor(database.url, "postgres") });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${restored}"`);
    await admin.end();
    const restoredUrl = databaseUrlFor(database.url, restored);
    await run("pg_restore", ["--no-owner", `--dbname=${restoredUrl}`, dump]);
    expect((await applyMigrations(restoredUrl)).applied).toEqual([]);

    await Promise.all([closePool(), disconnectDb()]);
    process.env.DATABASE_URL = restoredUrl;
    process.env.GTS_IMAGE_DIR = imagesCopy;
    const after = await getSample(CLI_ACTOR, id);
    expect(after).toEqual(before);
    expect(await readImage(after.image!.sha256)).toEqual(await readImage(before.image!.sha256, images));
    await expect(pool().query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await Promise.all([closePool(), disconnectDb()]);
    process.env.DATABASE_URL = database.url;
  }, 60_000);
});

describe("embedded PostgreSQL under a long-running command", () => {
  it("is shut down cleanly when the command gets SIGTERM", async () => {
    const data = await tempDir("gts-embedded-");
    const worker = spawnCli(["worker"], { DATABASE_URL: "", GTS_DATA_DIR: data });
    const pidFile = path.join(data, "postgres", "postmaster.pid");
    const deadline = Date.now() + 60_000;
    while (!(await fs.stat(pidFile).then(() => true).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`embedded server never started: ${worker.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    while (!/worker started/.test(worker.output())) {
      if (Date.now() > deadline) throw new Error(`worker never started: ${worker.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toMatch(/embedded PostgreSQL stopped/);
    expect(await fs.stat(pidFile).then(() => true).catch(() => false)).toBe(false);
  }, 90_000);
});
