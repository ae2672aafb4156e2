import { spawn } from "node:child_process";
import path from "node:path";
import { CLI_ACTOR } from "../lib/auth/actor";
import { pool } from "../lib/db/pool";
import { createExport } from "../lib/services/exports/create-export";
import { percentile, runChild } from "./child-process";
import type { ClaimLoad } from "./claim-child";
import { importForClaims } from "./claims-setup";

export type ExportLoadResult = {
  samples: number;
  /** Claim p95 (32 experts at once, as in the main table) with nothing else running: the lower of the rounds before and after the loaded ones. */
  idle_p95_ms: number;
  idle_before_p95_ms: number;
  idle_after_p95_ms: number;
  /** The same while an export of everything runs in the claims' process, as in the web process before. */
  export_in_web_p95_ms: number;
  /** The same while `gts worker` runs the export, queued as the Export page queues it. */
  export_in_worker_p95_ms: number;
  /** Whether the export was still writing when each loaded measurement ended. */
  overlapped: boolean;
  double_claims: number;
};

type Claims = { latencies: number[]; doubles: number; overlapped: boolean | null };

/**
 * What an export costs the experts' claims: claim p95 idle, then while an export of every kind runs in
 * the same process as the claims (where the web server ran exports before they moved to the worker), then
 * while `gts worker --queues export` runs it, queued as the Export page queues it. Token counts are not
 * needed by either and not made.
 */
export async function runExportLoadBench(url: string, work: string, samples: number, progress: (message: string) => void): Promise<ExportLoadResult> {
  progress(`generating and importing ${samples} samples`);
  const { dataset, experts } = await importForClaims(work, samples, "bench-load");
  try {
    const options = { kind: "all", format: "trl", dataset };
    const claims = (load: ClaimLoad) => runChild<Claims>(url, "claim-child.ts", [dataset, JSON.stringify(experts), JSON.stringify(load)]);

    // The first round after the import runs cold (each claim child opens new connections and plans its
    // statements; the freshly written pages are visited for the first time): it is run and discarded.
    progress("claims, warming up");
    await claims({});
    progress("claims, idle");
    const idle = await claims({});
    progress("claims while an export runs in their process (the web process, before)");
    const inWeb = await claims({ exportHere: { options, out: path.join(work, "in-web.zip") } });
    // The abandoned export must not pass for the next one.
    await pool().query(`UPDATE exports SET status = 'failed', error = 'abandoned by the bench', finished_at = now() WHERE status = 'running'`);
    progress("claims while the worker runs the export (now)");
    const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("lib", "cli", "main.ts"), "worker", "--queues", "export"], {
      env: { ...process.env, DATABASE_URL: url, GTS_DATA_DIR: work, LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    let inWorker: Claims;
    try {
      await createExport(CLI_ACTOR, options);
      inWorker = await claims({ exportElsewhere: true });
    } finally {
      worker.kill("SIGKILL");
    }
    await pool().query(`UPDATE exports SET status = 'failed', error = 'abandoned by the bench', finished_at = now() WHERE status = 'running'`);
    progress("claims, idle again");
    const idleAfter = await claims({});
    const p95 = (result: Claims) => Number(percentile(result.latencies, 0.95).toFixed(1));
    return {
      samples,
      idle_p95_ms: Math.min(p95(idle), p95(idleAfter)),
      idle_before_p95_ms: p95(idle),
      idle_after_p95_ms: p95(idleAfter),
      export_in_web_p95_ms: p95(inWeb),
      export_in_worker_p95_ms: p95(inWorker),
      overlapped: Boolean(inWeb.overlapped && inWorker.overlapped),
      double_claims: idle.doubles + inWeb.doubles + inWorker.doubles + idleAfter.doubles,
    };
  } finally {
    await pool().query(`DELETE FROM datasets WHERE name = $1`, [dataset]).catch(() => {});
  }
}
