import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The JS engine with the pg driver adapter lets `prisma generate` and `prisma migrate diff` run
// without downloading a native engine. Migrations are applied by lib/db/migrate.ts, not by the CLI.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
