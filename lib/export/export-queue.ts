import { retriedQueue, seconds } from "../jobs/boss";

export type ExportJob = { exportId: string };

/**
 * The queue of exports asked for on the Export page or through the API, run by the worker: a bundle of a
 * million rows keeps a core busy for a minute, which must not be the core serving claims. A worker killed
 * midway leaves only a partial file, never under the final name; the job expires and the export runs again.
 */
export const EXPORT_QUEUE = retriedQueue("export", seconds("GTS_EXPORT_RETRIES", 2), seconds("GTS_EXPORT_EXPIRE_SECONDS", 1800));
