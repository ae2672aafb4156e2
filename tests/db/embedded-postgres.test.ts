import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ensureEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { tempDir } from "../support/fixtures";

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("starts on a free port, is reused by a second process, stops cleanly and keeps its data", async () => {
    const dataDir = path.join(await tempDir("gts-embedded-"), "postgres");
    const first = await ensureEmbeddedPostgres(dataDir);
    try {
      expect(first.owned).toBe(true);
      await query(first.url, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('survives a restart')");
      const second = await ensureEmbeddedPostgres(dataDir);
      expect(second.owned).toBe(false);
      expect(new URL(second.url).port).toBe(new URL(first.url).port);
      // The app and owner roles exist: the app's role reads and writes but cannot create in the schema.
      expect(await query(first.appUrl, "SELECT current_user AS role")).toEqual([{ role: "gts_app" }]);
      expect(await query(first.ownerUrl, "SELECT current_user AS role")).toEqual([{ role: "gts_owner" }]);
      await expect(query(first.appUrl, "CREATE TABLE planted (x int)")).rejects.toThrow(/permission denied/);
    } finally {
      await first.stop();
    }
    await expect(query(first.url, "SELECT 1")).rejects.toThrow();
    const restarted = await ensureEmbeddedPostgres(dataDir);
    try {
      expect(restarted.owned).toBe(true);
      expect(await query(restarted.url, "SELECT value FROM kept")).toEqual([{ value: "survives a restart" }]);
      // A table from before the roles is handed to the owner.
      expect(await query(restarted.url, "SELECT tableowner FROM pg_tables WHERE tablename = 'kept'")).toEqual([{ tableowner: "gts_owner" }]);
    } finally {
      await restarted.stop();
    }
  });
});
