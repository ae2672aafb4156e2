import type PgBoss from "pg-boss";
import { ensureQueues, openBoss, seconds } from "../jobs/boss";

export const IMPORT_QUEUE = "import";
export const IMPORT_DEAD_LETTER = "import_dead";
export type ImportJob = { runId: string };

/**
 * The queue of imports started from the import page. An import is one transaction, so a worker killed
 * midway leaves nothing half-written, and the retry starts the file again. It may run for a long time
 * (a million records), hence the long expiry.
 */
export const IMPORT_QUEUES: PgBoss.Queue[] = [
  { name: IMPORT_DEAD_LETTER, policy: "standard" },
  {
    name: IMPORT_QUEUE,
    policy: "standard",
    retryLimit: seconds("GTS_IMPORT_RETRIES", 2),
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: seconds("GTS_IMPORT_EXPIRE_SECONDS", 4 * 3600),
    deadLetter: IMPORT_DEAD_LETTER,
  },
];

export async function openImportQueue(): Promise<PgBoss> {
  const boss = await openBoss();
  await ensureQueues(boss, IMPORT_QUEUES);
  return boss;
}
