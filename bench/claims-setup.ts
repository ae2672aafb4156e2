import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { CLI_ACTOR, type Actor } from "../lib/auth/actor";
import { pool } from "../lib/db/pool";
import { importSamples } from "../lib/services/import/import-samples";
import { addUser } from "../lib/services/users/add-user";
import { writeSyntheticJsonl } from "./synthetic";

const run = promisify(execFile);
export const CLAIMERS = 32;

/**
 * What the side runs that time claims start from: `samples` synthetic samples imported through the real
 * path into a new dataset, then `VACUUM ANALYZE`, `CHECKPOINT` and `sync` (as before the main table's
 * timings), and 32 experts to claim.
 */
export async function importForClaims(work: string, samples: number, prefix: string): Promise<{ dataset: string; datasetId: string; experts: Actor[] }> {
  const dataset = `${prefix}-${Date.now()}`;
  const file = path.join(work, `${prefix}.jsonl`);
  await writeSyntheticJsonl(file, samples);
  await importSamples({ actor: CLI_ACTOR, file, dataset });
  await fs.rm(file);
  await pool().query("VACUUM ANALYZE");
  await pool().query("CHECKPOINT").catch(() => {});
  await run("sync");
  const datasetId = (await pool().query<{ id: string }>(`SELECT id FROM datasets WHERE name = $1`, [dataset])).rows[0]!.id;
  const experts: Actor[] = [];
  for (let index = 0; index < CLAIMERS; index += 1) {
    const user = await addUser(CLI_ACTOR, { email: `${prefix}-${Date.now()}-${index}@bench.local`, role: "expert", password: "bench password" });
    experts.push({ userId: user.id, email: user.email, role: "expert", via: "session" });
  }
  return { dataset, datasetId, experts };
}
