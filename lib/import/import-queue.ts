import { retriedQueue, seconds } from "../jobs/boss";

export type ImportJob = { runId: string };

/**
 * The queue of imports started from the import page. An import is one transaction, so a worker killed
 * midway leaves nothing half-written, and the retry starts the file again. It may run for a long time
 * (a million records), hence the long expiry.
 */
export const IMPORT_QUEUE = retriedQueue("import", seconds("GTS_IMPORT_RETRIES", 2), seconds("GTS_IMPORT_EXPIRE_SECONDS", 4 * 3600));
