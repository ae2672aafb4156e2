/**
 * The `npm run gts` entry. npm holds back install scripts, so on a fresh clone nothing has generated the
 * Prisma client yet: it is generated here first when it is missing (offline, with the JS engine), and
 * then the command line runs (`main.ts`).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
if (!existsSync(path.join(root, "lib", "generated", "prisma", "index.js"))) {
  process.stderr.write("generating the Prisma client (first run on this checkout)\n");
  const generated = spawnSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "generate"], {
    cwd: root,
    // The CLI wants a URL even to generate; without one it tries to download an engine.
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL || "postgresql://localhost/unused" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}
await import("./main");
