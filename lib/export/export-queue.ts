import type PgBoss from "pg-boss";
import { ensureQueues, openBoss, seconds } from "../jobs/boss";

export const EXPORT_QUEUE = "export";
export const EXPORT_DEAD_LETTER = "export_dead";
export type ExportJob = { exportId: string };

/**
 * The queue of exports asked for on the Export page or through the API, run by the worker: a bundle of a
 * million rows keeps a core busy for a minute, which must not be the core serving claims. A worker killed
 * midway leaves only a partial file, never under the final name; the job expires and the export runs again.
 */
export const EXPORT_QUEUES: PgBoss.Queue[] = [
  { name: EXPORT_DEAD_LETTER, policy: "standard" },
  {
    name: EXPORT_QUEUE,
    policy: "standard",
    retryLimit: seconds("GTS_EXPORT_RETRIES", 2),
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: seconds("GTS_EXPORT_EXPIRE_SECONDS", 1800),
    deadLetter: EXPORT_DEAD_LETTER,
  },
];

export async function openExportQueue(): Promise<PgBoss> {
  const boss = await openBoss();
  await ensureQueues(boss, EXPORT_QUEUES);
  return boss;
}
