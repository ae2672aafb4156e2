import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { pool } from "../db/pool";
import type { GuardProfile } from "../guard/guard-profile";
import { loadGuardProfile } from "../guard/load-guard-profile";
import { recordGuardProfile } from "../guard/record-guard-profile";
import { log } from "../log";
import { dataDir } from "../paths";
import { exportOptionsSchema } from "./export-options";
import { writeBundle, type Manifest } from "./write-bundle";

export function exportsDir(): string {
  return path.join(dataDir(), "exports");
}

/**
 * Runs one export row to completion: streams the bundle to `target` (by default the exports folder),
 * keeping the row's progress current, and records the manifest (also returned) or the error. A partial
 * file is never left under the final name. Rows are written with `profile`, by default the one
 * `GUARD_PROFILE_FILE` names; a profile that cannot be loaded fails the export before it writes.
 */
export async function executeExport(exportId: string, target = path.join(exportsDir(), `${exportId}.zip`), profile?: GuardProfile): Promise<Manifest> {
  const { rows } = await pool().query<{ filters: unknown }>(`SELECT filters FROM exports WHERE id = $1`, [exportId]);
  if (!rows[0]) throw new Error(`no export ${exportId}`);
  const options = exportOptionsSchema.parse(rows[0].filters);
  const partial = `${target}.part`;
  const client = await pool().connect();
  try {
    const guard = profile ?? (await loadGuardProfile());
    await recordGuardProfile(pool(), guard);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // The whole bundle comes from one snapshot, so its counts and rows agree.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const dataset = options.dataset ? await client.query<{ id: string }>(`SELECT id FROM datasets WHERE name = $1`, [options.dataset]) : null;
    if (dataset && !dataset.rows[0]) throw new Error(`no dataset named ${options.dataset}`);
    const manifest = await writeBundle(client, options, dataset?.rows[0]?.id ?? null, guard, createWriteStream(partial), (written) => {
      void pool().query(`UPDATE exports SET rows_written = $2 WHERE id = $1`, [exportId, written]).catch(() => {});
    });
    await client.query("COMMIT");
    await fs.rename(partial, target);
    const rowsWritten = Object.values(manifest.counts).reduce((sum, summary) => sum + (summary?.rows ?? 0), 0);
    await pool().query(
      `UPDATE exports SET status = 'succeeded', rows_written = $2, rows_total = $2, file_path = $3, manifest = $4, finished_at = now()
        WHERE id = $1`,
      [exportId, rowsWritten, target, JSON.stringify(manifest)],
    );
    return manifest;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    await fs.rm(partial, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    log.error("export failed", { exportId, error: message });
    await pool().query(`UPDATE exports SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [exportId, message]);
    throw error;
  } finally {
    client.release();
  }
}
