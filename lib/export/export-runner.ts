import { pool } from "../db/pool";
import { log } from "../log";
import { executeExport } from "./export-job";

const POLL_MS = 2_000;
const STALE_SECONDS = 60;

const state = globalThis as unknown as { gtsExportRunner?: { wake: () => void } };

/**
 * The background runner for exports queued from the UI or the API, inside the app's server process.
 * It claims work with SKIP LOCKED, so several app processes share the queue, and takes over exports
 * whose runner stopped beating (a crash or a restart), so an export survives a reload and a restart.
 */
export function startExportRunner(): { wake: () => void } {
  if (state.gtsExportRunner) return state.gtsExportRunner;
  let running = false;
  let again = false;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      for (let id = await claimNext(); id; id = await claimNext()) {
        await executeExport(id).catch(() => {});
      }
    } catch (error) {
      log.warn("export runner could not reach the database", { error: (error as Error).message });
    } finally {
      running = false;
      if (again) {
        again = false;
        void tick();
      }
    }
  };
  setInterval(() => void tick(), POLL_MS).unref();
  state.gtsExportRunner = { wake: () => void tick() };
  return state.gtsExportRunner;
}

async function claimNext(): Promise<string | null> {
  const { rows } = await pool().query<{ id: string }>(
    `UPDATE exports SET status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now(), rows_written = 0
      WHERE id = (SELECT id FROM exports
                   WHERE status = 'queued'
                      OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1))
                   ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id`,
    [STALE_SECONDS],
  );
  return rows[0]?.id ?? null;
}
