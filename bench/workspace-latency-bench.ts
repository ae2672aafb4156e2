import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";

/** What the e2e suite's timing harness measured (tests/e2e/workspace-latency.spec.ts). */
export type WorkspaceLatencyResult = {
  claimers: number;
  decisions: number;
  apiDecisions: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** The same decisions to the next sample in the page, before the frame: the page's own work. */
  renderedP95Ms: number;
  /** Decisions that waited for a claim because no claim-ahead was in hand. */
  claimRoundTrips: number;
  /** A 1 MiB thinking on the sample page, opened and scrolled to its end: its steps and the longest task. */
  longTraceSteps: number;
  longTraceLongestTaskMs: number;
};

/**
 * The workspace's latency an expert feels, from the decision key to the next sample painted in Chromium,
 * with 32 other experts claiming through the API: the e2e suite's own harness, run at full size (it
 * builds the app first when there is no build). Its own database, server and worker come from the e2e
 * setup, so the measurement does not touch the caller's.
 */
export async function runWorkspaceLatencyBench(work: string, progress: (line: string) => void): Promise<WorkspaceLatencyResult> {
  const built = await fs.stat(path.join(process.cwd(), ".next", "BUILD_ID")).then(() => true).catch(() => false);
  if (!built) {
    progress("building the app for the browser measurement");
    await exec("npm", ["run", "build"]);
  }
  const report = path.join(work, "paint-latency.json");
  progress("measuring in Chromium: 100 decisions beside 32 API claimers");
  await exec("npx", ["playwright", "test", "--config", "tests/playwright.config.ts", "tests/e2e/workspace-latency.spec.ts", "--reporter=line"], { GTS_LATENCY_REPORT: report });
  return JSON.parse(await fs.readFile(report, "utf8")) as WorkspaceLatencyResult;
}

function exec(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    // The e2e setup creates a database of its own beside DATABASE_URL's (or an embedded server without one).
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}
