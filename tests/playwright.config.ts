import path from "node:path";
import { defineConfig } from "@playwright/test";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: path.join(import.meta.dirname, "e2e"),
  globalSetup: path.join(import.meta.dirname, "e2e/support/global-setup.ts"),
  globalTeardown: path.join(import.meta.dirname, "e2e/support/global-teardown.ts"),
  outputDir: path.join(import.meta.dirname, "..", "test-results"),
  workers: 1,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
    },
  },
});
