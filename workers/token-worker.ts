import { log } from "../lib/log";
import { countPendingTokens } from "../lib/tokens/count-pending";
import { openTokenQueue, TOKEN_QUEUE } from "../lib/tokens/token-queue";
import { runJobLanes } from "./job-lanes";

/**
 * Counts the tokens of new and changed samples in the background, so that an export measures its rows
 * from stored counts: every minute (pg-boss's schedule), and once at start for what arrived meanwhile.
 */
export async function runTokenWorker(): Promise<{ stop: () => Promise<void> }> {
  const boss = await openTokenQueue();
  await boss.schedule(TOKEN_QUEUE, "* * * * *");
  await boss.send(TOKEN_QUEUE, {});
  const lanes = runJobLanes<object>(boss, TOKEN_QUEUE, {
    lanes: 1,
    batchSize: 1,
    pollingMs: 2000,
    handle: async () => {
      const counted = await countPendingTokens();
      if (Object.values(counted).some((count) => count > 0)) log.info("tokens counted", counted);
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
