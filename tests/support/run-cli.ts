import { spawn } from "node:child_process";
import path from "node:path";

export type CliResult = { code: number | null; stdout: string; stderr: string };

const root = path.resolve(import.meta.dirname, "../..");

/** Runs `gts` the way `npm run gts --` does, against the given database. */
export function runCli(args: string[], options: { databaseUrl?: string; stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", ...args], {
      cwd: root,
      env: { ...process.env, ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}), ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}
