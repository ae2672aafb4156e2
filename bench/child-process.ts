import { spawn } from "node:child_process";
import path from "node:path";

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
};

/**
 * Runs a measurement in its own process (the export, as the worker would; the claims, as the server
 * would serve them), away from this process's heap after the import. It prints one JSON line.
 */
export function runChild<T>(url: string, script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("bench", script), ...args], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output.trim().split("\n").at(-1)!) as T) : reject(new Error(`${script} exited ${code}`))));
  });
}
