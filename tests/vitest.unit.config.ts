import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: { alias: { "server-only": path.join(root, "tests/support/empty-module.ts"), "@": root } },
  test: { include: ["tests/unit/**/*.test.ts"], environment: "node" },
});
