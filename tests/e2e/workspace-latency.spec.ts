import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { e2eQuery, gts as cli } from "./support/e2e-data";
import { installPaintTimer, percentile, timeDecisions, type DecisionTimes } from "./support/paint-latency";
import { signIn } from "./support/session";

const DATASET = "e2e-latency";
/**
 * `GTS_LATENCY_REPORT` (set by `npm run bench -- --workspace-latency`) asks for the full measurement: 32
 * experts claiming through the API beside the one in Chromium, 100 timed decisions, the figures written
 * to that file. Without it the suite runs the same harness small, to keep it working.
 */
const REPORT = process.env.GTS_LATENCY_REPORT;
const CLAIMERS = REPORT ? 32 : 4;
const DECISIONS = REPORT ? 100 : 12;
const SAMPLES = REPORT ? 4000 : 400;
/** How long the timed expert reads each sample before the key: a second, quicker than anyone reads a trace. */
const READ_MS = REPORT ? 1000 : 300;
const EXPERT = { email: "latency-expert@e2e.test", password: "latency-expert-password" };

/**
 * How long each API expert looks at a sample before deciding: a second, faster than anyone reads a trace,
 * so 32 of them are a heavy day's load (about 32 claims and 32 decisions a second), not a flood that
 * measures only how a saturated server queues requests.
 */
const THINK_MS = 1000;

/** One expert working the queue through the API, until `stop`; each starts at its own moment. */
async function claimLoop(request: APIRequestContext, token: string, stop: { done: boolean }): Promise<number> {
  const headers = { authorization: `Bearer ${token}` };
  let decided = 0;
  await new Promise((resolve) => setTimeout(resolve, Math.random() * THINK_MS));
  while (!stop.done) {
    const claimed = await request.post("/api/v1/queue/claim", { headers, data: { dataset: DATASET } });
    if (claimed.status() !== 200) break;
    const { sample } = (await claimed.json()) as { sample: { id: number } };
    await new Promise((resolve) => setTimeout(resolve, THINK_MS));
    if ((await request.post(`/api/v1/samples/${sample.id}/adjudications`, { headers, data: { supports: "gpt-5" } })).status() === 201) decided += 1;
  }
  return decided;
}

test.describe.configure({ mode: "serial" });
test.setTimeout(REPORT ? 600_000 : 180_000);

let tokens: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(REPORT ? 600_000 : 180_000);
  const judges = [0, 0, 1].map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: `Verdict ${judgment}.`, judgment }));
  const thinking = Array.from({ length: 8 }, (_, step) => `Step ${step + 1}: the model weighs what the request asks for.`).join("\n\n");
  const lines = Array.from({ length: SAMPLES }, (_, index) => sampleLine(`lat-${index}`, { judges, thinking }));
  await cli(["import", await writeJsonl(await tempDir(), "latency.jsonl", lines), "--dataset", DATASET]);
  await cli(["dataset", "set", DATASET, "--second-opinion-share", "0"]);
  await cli(["user", "add", EXPERT.email, "--role", "expert"], `${EXPERT.password}\n`);
  tokens = [];
  for (let index = 0; index < CLAIMERS; index += 1) {
    const email = `latency-claimer-${index}@e2e.test`;
    await cli(["user", "add", email, "--role", "expert"], `claimer-password-${index}\n`);
    tokens.push((await cli(["token", "create", email])).trim().split("\n").at(-1)!);
  }
});

test(`from the decision key to the next sample painted, with ${CLAIMERS} experts claiming through the API`, async ({ page, request }, testInfo) => {
  await installPaintTimer(page);
  const roundTrips = countClaimRoundTrips(page);
  await signIn(page, EXPERT.email, EXPERT.password);
  await page.goto(`/queue?dataset=${DATASET}`);
  const stop = { done: false };
  const loops = tokens.map((token) => claimLoop(request, token, stop));
  let latencies: DecisionTimes = { rendered: [], painted: [] };
  try {
    // The first decisions warm the claim-ahead and the server; they are measured like the rest.
    latencies = await timeDecisions(page, DECISIONS, READ_MS);
  } finally {
    stop.done = true;
  }
  const decidedByApi = (await Promise.all(loops)).reduce((sum, count) => sum + count, 0);
  expect(latencies.painted).toHaveLength(DECISIONS);
  expect(decidedByApi).toBeGreaterThan(0);
  const { painted, rendered } = latencies;
  const figures = {
    claimers: CLAIMERS,
    decisions: DECISIONS,
    apiDecisions: decidedByApi,
    p50Ms: Math.round(percentile(painted, 50)),
    p95Ms: Math.round(percentile(painted, 95)),
    maxMs: Math.round(Math.max(...painted)),
    renderedP95Ms: Math.round(percentile(rendered, 95)),
    claimRoundTrips: roundTrips.count(),
  };
  await testInfo.attach("paint-latency.json", { body: JSON.stringify(figures, null, 2), contentType: "application/json" });
  if (REPORT) writeReport(figures);
});

/** Merges figures into the report the bench reads. */
function writeReport(figures: Record<string, number>) {
  const before = fs.existsSync(REPORT!) ? (JSON.parse(fs.readFileSync(REPORT!, "utf8")) as Record<string, number>) : {};
  fs.writeFileSync(REPORT!, JSON.stringify({ ...before, ...figures }));
}

/**
 * Watches the page's claims: each claim-ahead's status (200 with a sample, 204 without) and each claim
 * that is not one; `count` is how many decisions waited for a claim, all but the page's first claim.
 */
function countClaimRoundTrips(page: Page) {
  const plain: number[] = [];
  const ahead: number[] = [];
  page.on("response", (response) => {
    const request = response.request();
    if (request.method() !== "POST" || !request.url().endsWith("/api/v1/queue/claim")) return;
    ((request.postDataJSON() as { ahead?: boolean }).ahead ? ahead : plain).push(response.status());
  });
  return { plain, ahead, count: () => Math.max(0, plain.length - 1) };
}

test("every decision after the first moves on to a claim-ahead, with no claim round trip between samples", async ({ page }) => {
  const claims = countClaimRoundTrips(page);
  await signIn(page, EXPERT.email, EXPERT.password);
  await page.goto(`/queue?dataset=${DATASET}`);
  const shown = page.getByTestId("workspace-sample");
  for (let decision = 0; decision < 5; decision += 1) {
    // The claim-ahead for the sample in view has answered: the one after it is in hand, or the page knows there is none.
    await expect.poll(() => claims.ahead.length).toBeGreaterThan(decision);
    const before = await shown.textContent();
    await page.keyboard.press("1");
    await expect(shown).not.toHaveText(before!);
  }
  // The first claim of the page is the only one that is not ahead; every claim-ahead found its sample.
  expect(claims.plain).toEqual([200]);
  expect(claims.ahead.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
});

test("a 1 MiB thinking opens and scrolls to its end with only the steps in view in the page", async ({ page }, testInfo) => {
  // About 1 MiB of paragraphs, just under the import's limit for one field.
  const paragraph = (index: number) => `Step ${index + 1}: the model considers the request again, weighs what a careful answer leaves out, and moves on. `.repeat(2);
  const paragraphs: string[] = [];
  for (let size = 0; size + paragraph(paragraphs.length).length + 2 < 1024 * 1024 - 4096; ) {
    size += paragraph(paragraphs.length).length + 2;
    paragraphs.push(paragraph(paragraphs.length));
  }
  const count = paragraphs.length;
  const thinking = paragraphs.join("\n\n");
  await cli(["import", await writeJsonl(await tempDir(), "long.jsonl", [sampleLine("lat-long-trace", { thinking })]), "--dataset", `${DATASET}-long`]);
  const rows = await e2eQuery<{ id: number }>(`SELECT id FROM samples WHERE external_id = 'lat-long-trace'`);

  await page.addInitScript(() => {
    (window as unknown as { __gtsLongest: number }).__gtsLongest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const state = window as unknown as { __gtsLongest: number };
        state.__gtsLongest = Math.max(state.__gtsLongest, entry.duration);
      }
    }).observe({ type: "longtask", buffered: true });
  });
  await signIn(page, EXPERT.email, EXPERT.password);
  await page.goto(`/samples/${rows[0]!.id}`);
  const steps = page.getByTestId("thinking-steps");
  await expect(steps).toHaveAttribute("data-windowed", "true");
  for (let stop = 1; stop <= 20; stop += 1) {
    await page.evaluate((fraction) => window.scrollTo(0, document.documentElement.scrollHeight * fraction), stop / 20);
    await page.waitForTimeout(50);
  }
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(steps.locator("li", { hasText: `Step ${count}:` })).toBeVisible();
  // Windowed: a few dozen steps in the page, not thousands.
  expect(await steps.locator("li").count()).toBeLessThan(200);
  const longestTaskMs = Math.round(await page.evaluate(() => (window as unknown as { __gtsLongest: number }).__gtsLongest));
  await testInfo.attach("long-trace.json", { body: JSON.stringify({ steps: count, longestTaskMs }), contentType: "application/json" });
  if (REPORT) writeReport({ longTraceSteps: count, longTraceLongestTaskMs: longestTaskMs });
});
