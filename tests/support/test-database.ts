import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { applyMigrations } from "../../lib/db/migrate";
import { closePool } from "../../lib/db/pool";
import { installJobSchema } from "../../lib/db/roles";
import { disconnectDb } from "../../lib/db/prisma";
import { databaseUrlFor } from "./database-url-for";

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

/** A fresh, uniquely named database; `migrate` readies it like the app's start does and points the app's clients at it. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject("adminDatabaseUrl");
  const name = `gts_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = databaseUrlFor(adminUrl, name);
  if (options.migrate !== false) {
    // As `prepareDatabase` does before the app starts: the migrations, then pg-boss's schema.
    await applyMigrations(url);
    await installJobSchema(url);
    process.env.DATABASE_URL = url;
  }
  return {
    url,
    name,
    drop: async () => {
      await Promise.allSettled([closePool(), disconnectDb()]);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
