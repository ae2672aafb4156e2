/**
 * `npm run db:new-migration -- NAME`: writes the SQL that takes the last migrated schema
 * (prisma/schema.snapshot.prisma) to the current prisma/schema.prisma as a new migration folder, then
 * moves the snapshot forward. `prisma migrate diff` between two datamodels works offline; diffing
 * against a live database does not with a driver adapter.
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { dataDir, migrationsDir } from "../paths";
import { ensureEmbeddedPostgres } from "./embedded-postgres";

const run = promisify(execFile);
const SCHEMA = path.join("prisma", "schema.prisma");
export const SNAPSHOT = path.join("prisma", "schema.snapshot.prisma");

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:new-migration -- snake_case_name");
  // The CLI's JS engine connects through the adapter even for a datamodel-to-datamodel diff.
  const embedded = process.env.DATABASE_URL ? null : await ensureEmbeddedPostgres(path.join(dataDir(), "postgres"));
  const { stdout } = await run(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-schema-datamodel", SNAPSHOT, "--to-schema-datamodel", SCHEMA, "--script"],
    { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? embedded!.url }, maxBuffer: 64 * 1024 * 1024 },
  ).finally(() => embedded?.stop());
  const statements = stdout.split("\n").filter((line) => line.trim() && !line.startsWith("--"));
  if (statements.length === 0) {
    process.stderr.write("the schema matches the last migration: nothing to write\n");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join(migrationsDir(), `${stamp}_${name}`);
  await fs.mkdir(folder);
  await fs.writeFile(path.join(folder, "migration.sql"), stdout);
  await fs.copyFile(SCHEMA, SNAPSHOT);
  process.stderr.write(`wrote ${path.relative(process.cwd(), folder)}/migration.sql; review it, add any hand-written SQL, commit both\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
