import type { Page } from "@playwright/test";

declare global {
  interface Window {
    __gtsPaintLatencies?: number[];
    __gtsRenderLatencies?: number[];
  }
}

/** Each decision's time to the next sample in the page (React's render and commit done) and to it painted, in ms. */
export type DecisionTimes = { rendered: number[]; painted: number[] };

/**
 * The workspace's timing harness: in the page, from the decision key's keydown to the first frame painted
 * with another sample in view. The keydown is taken in the capture phase, before the app sees it; the
 * change is seen by a MutationObserver on the sample's id ("rendered": the page's own work is done); "painted"
 * is the second animation frame after it, the first that starts once the frame holding the new sample has
 * gone to the screen.
 */
export async function installPaintTimer(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__gtsPaintLatencies = [];
    window.__gtsRenderLatencies = [];
    let started: { at: number; sample: string | null } | null = null;
    const current = () => document.querySelector('[data-testid="workspace-sample"]')?.textContent ?? null;
    window.addEventListener("keydown", (event) => {
      if (event.key === "1" && !started) started = { at: performance.now(), sample: current() };
    }, { capture: true });
    new MutationObserver(() => {
      if (!started || current() === null || current() === started.sample) return;
      const { at } = started;
      started = null;
      window.__gtsRenderLatencies!.push(performance.now() - at);
      requestAnimationFrame(() => requestAnimationFrame(() => window.__gtsPaintLatencies!.push(performance.now() - at)));
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * Makes `count` decisions with the key 1, each once the sample in view can take it and `readMs` later (an
 * expert reads before deciding, which is when the workspace claims the next sample ahead), and returns
 * each one's times.
 */
export async function timeDecisions(page: Page, count: number, readMs: number): Promise<DecisionTimes> {
  for (let index = 0; index < count; index += 1) {
    await page.locator('[data-testid="workspace-sample"]').waitFor();
    // The bar's correction button is enabled once the sample can take a decision.
    await page.locator('[role="toolbar"][aria-label="Decide"] button[aria-keyshortcuts="c"]:not([disabled])').waitFor();
    await page.waitForTimeout(readMs);
    await page.keyboard.press("1");
    await page.waitForFunction((done) => (window.__gtsPaintLatencies?.length ?? 0) > done, index);
  }
  return page.evaluate(() => ({ rendered: window.__gtsRenderLatencies!.slice(), painted: window.__gtsPaintLatencies!.slice() }));
}

/** The p-th percentile (0–100) of the values, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
