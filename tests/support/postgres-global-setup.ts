import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureEmbeddedPostgres } from "../../lib/db/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

/**
 * The server the database tier runs against: DATABASE_URL's, or an embedded one under .data/ when
 * unset. Each test file then makes (and drops) its own database on it.
 */
export default async function setup(project: TestProject) {
  const configured = process.env.DATABASE_URL;
  const embedded = configured ? null : await ensureEmbeddedPostgres(path.resolve(".data/test-postgres"));
  project.provide("adminDatabaseUrl", configured ?? embedded!.url);
  return async () => {
    await embedded?.stop();
  };
}
