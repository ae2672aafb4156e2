import path from "node:path";
import { dataDir } from "../paths";
import { ensureEmbeddedPostgres, type EmbeddedServer } from "./embedded-postgres";
import { applyMigrations } from "./migrate";
import { grantAppRole, installJobSchema, roleOf } from "./roles";

export type PreparedDatabase = { url: string; embedded: EmbeddedServer | null };

/**
 * Picks the database: DATABASE_URL when set, otherwise the embedded server under `.data/postgres`, and
 * readies it as its owner before anything else touches it: pending migrations, pg-boss's schema, and the
 * app role's grants (`roles.ts`). The owner is DATABASE_OWNER_URL's role (the embedded server's
 * `gts_owner`); without DATABASE_OWNER_URL, DATABASE_URL's role owns everything itself. DATABASE_URL is
 * then set to the app role's connection for the rest of the process (and its children), and
 * DATABASE_OWNER_URL to the owner's, for the commands that administer (backups).
 */
export async function prepareDatabase(): Promise<PreparedDatabase> {
  // An empty DATABASE_URL counts as unset.
  const configured = process.env.DATABASE_URL || null;
  const embedded = configured ? null : await ensureEmbeddedPostgres(path.join(dataDir(), "postgres"));
  const url = configured ?? embedded!.appUrl;
  const ownerUrl = embedded?.ownerUrl ?? (process.env.DATABASE_OWNER_URL || url);
  process.env.DATABASE_URL = url;
  process.env.DATABASE_OWNER_URL = ownerUrl;
  await applyMigrations(ownerUrl);
  await installJobSchema(ownerUrl);
  if (ownerUrl !== url) await grantAppRole(ownerUrl, await roleOf(url));
  return { url, embedded };
}
