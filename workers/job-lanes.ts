import { setTimeout as sleep } from "node:timers/promises";
import type PgBoss from "pg-boss";
import { openQueue, type JobQueue } from "../lib/jobs/boss";
import { log } from "../lib/log";

/** Jobs of a batch that failed on their own, with what each keeps as its output; the others complete. */
export type BatchFailures = { jobId: string; output: object }[];

export type JobLanes = { stop: () => Promise<void> };

/**
 * Runs `lanes` loops that each fetch up to `batchSize` jobs from `queue`, hand them to `handle`, then
 * complete them, or fail the ones `handle` names (all of them when it throws).
 *
 * This is our loop over pg-boss's `fetch`, `complete` and `fail` rather than `boss.work`: pg-boss 10
 * completes and fails a worked batch without awaiting it, so a database that is away at that moment
 * rejects unhandled and kills the process. Here such a call is logged and left to the queue: the jobs
 * expire, run again, and their retry finds the work already written. `stop()` lets each lane finish the
 * batch in hand.
 */
export function runJobLanes<T extends object>(
  boss: PgBoss,
  queue: string,
  options: { lanes: number; batchSize: number; pollingMs: number; handle: (jobs: PgBoss.Job<T>[]) => Promise<BatchFailures> },
): JobLanes {
  const stopping = new AbortController();
  const settle = async (what: string, call: () => Promise<unknown>) => {
    await call().catch((error: unknown) => log.warn(`could not ${what}; the queue will run the jobs again`, { queue, error: (error as Error).message }));
  };
  const pause = () => sleep(options.pollingMs, undefined, { signal: stopping.signal }).catch(() => {});
  const batch = async () => {
    const jobs = await boss.fetch<T>(queue, { batchSize: options.batchSize });
    if (jobs.length === 0) return pause();
    let failures: BatchFailures;
    try {
      failures = await options.handle(jobs);
    } catch (error) {
      const message = (error as Error).message;
      log.warn("a batch of jobs failed", { queue, jobs: jobs.length, error: message });
      failures = jobs.map((job) => ({ jobId: job.id, output: { message } }));
    }
    const failed = new Set(failures.map((failure) => failure.jobId));
    for (const failure of failures) await settle("fail a job", () => boss.fail(queue, failure.jobId, failure.output));
    const done = jobs.filter((job) => !failed.has(job.id)).map((job) => job.id);
    if (done.length > 0) await settle("complete jobs", () => boss.complete(queue, done));
  };
  const lane = async () => {
    while (!stopping.signal.aborted) {
      await batch().catch(async (error: unknown) => {
        log.warn("the job loop hit an error; it goes on", { queue, error: (error as Error).message });
        await pause();
      });
    }
  };
  const running = Array.from({ length: options.lanes }, () => lane());
  return {
    stop: async () => {
      stopping.abort();
      await Promise.all(running);
    },
  };
}

/**
 * One job at a time from `queue`, each handed to `run`: for work that fills a core or holds one big
 * transaction (an import, an export), where a second at once would only slow the first. `stop()` lets the
 * job in hand finish, or leaves it to expire and run again when it outlasts the timeout.
 */
export async function runOneJobAtATime<T extends object>(queue: JobQueue, run: (data: T) => Promise<void>): Promise<JobLanes> {
  const boss = await openQueue(queue);
  const lanes = runJobLanes<T>(boss, queue.name, {
    lanes: 1,
    batchSize: 1,
    pollingMs: 1000,
    handle: async (jobs) => {
      for (const job of jobs) await run(job.data);
      return [];
    },
  });
  return {
    stop: async () => {
      await lanes.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
    },
  };
}
