import path from "node:path";
import { dataDir } from "../paths";
import { ensureEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";
import { applyMigrations } from "./migrate";

export type PreparedDatabase = { url: string; embedded: EmbeddedServer | null };

/**
 * Picks the database: DATABASE_URL when set, otherwise the embedded server under `.data/postgres`.
 * Pending migrations are applied before anything else touches it, and DATABASE_URL is set for the
 * rest of the process (and its children).
 */
export async function prepareDatabase(): Promise<PreparedDatabase> {
  // An empty DATABASE_URL counts as unset.
  const configured = process.env.DATABASE_URL || null;
  const embedded = configured ? null : await ensureEmbeddedPostgres(path.join(dataDir(), "postgres"));
  const url = configured ?? embedded!.url;
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  return { url, embedded };
}
