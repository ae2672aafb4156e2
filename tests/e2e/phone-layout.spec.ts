import { expect, test, type Page } from "@playwright/test";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { gts as cli } from "./support/e2e-data";
import { signIn } from "./support/session";

const DATASET = "e2e-phone";
const EXPERTS = { 390: { email: "phone-expert@e2e.test", password: "phone-expert-password" }, 768: { email: "tablet-expert@e2e.test", password: "tablet-expert-password" } };
const TRACE = Array.from({ length: 12 }, (_, index) => `Step ${index + 1}: the model weighs the request and what a careful answer would leave out.`).join("\n\n");

// Once, not per worker: a failed test restarts the worker, and the import and the users must not be made twice.
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const judges = [0, 0, 1].map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: `A reading that ends at ${judgment}.`, judgment }));
  const lines = ["ph-1", "ph-2", "ph-3", "ph-4", "ph-5", "ph-6", "ph-7", "ph-8"].map((id) => sampleLine(id, { judges, thinking: TRACE }));
  await cli(["import", await writeJsonl(await tempDir(), "phone.jsonl", lines), "--dataset", DATASET]);
  await cli(["dataset", "set", DATASET, "--second-opinion-share", "0"]);
  for (const expert of Object.values(EXPERTS)) await cli(["user", "add", expert.email, "--role", "expert"], `${expert.password}\n`);
});

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

for (const width of [390, 768] as const) {
  test(`at ${width} px the queue fits the screen, stacks the judges under the trace and is worked to a decision by tapping`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 1024 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await signIn(page, EXPERTS[width].email, EXPERTS[width].password);
    await page.goto(`/queue?dataset=${DATASET}`);
    const sample = page.getByTestId("workspace-sample");
    await expect(sample).toHaveText(/^ph-\d$/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(width);

    // The nav folds into a menu.
    await expect(page.getByRole("link", { name: "Samples" })).toBeHidden();
    await page.getByRole("button", { name: "Menu" }).tap();
    await expect(page.getByRole("link", { name: "Samples" })).toBeVisible();
    await page.getByRole("button", { name: "Menu" }).tap();
    await expect(page.getByRole("link", { name: "Samples" })).toBeHidden();

    // The judges come after the whole trace, and the decision bar stays on screen while reading it.
    const thinking = await page.getByTestId("thinking-steps").boundingBox();
    const judges = await page.getByRole("list", { name: "Judges" }).boundingBox();
    expect(judges!.y).toBeGreaterThan(thinking!.y + thinking!.height);
    const bar = page.getByRole("toolbar", { name: "Decide" });
    await expect(bar).toBeInViewport();
    for (const button of await bar.getByRole("button").all()) {
      const box = await button.boundingBox();
      expect(box!.height, await button.textContent() ?? "").toBeGreaterThanOrEqual(44);
      expect(box!.width, await button.textContent() ?? "").toBeGreaterThanOrEqual(44);
    }
    await page.screenshot({ path: testInfo.outputPath(`queue-${width}.png`), fullPage: false });

    const first = await sample.textContent();
    await bar.getByRole("button", { name: /gpt-5.*side with/ }).tap();
    await expect(page.getByText(`Saved ${first}: sided with gpt-5`)).toBeVisible();
    await expect(sample).not.toHaveText(first!);

    const second = await sample.textContent();
    await bar.getByRole("button", { name: /Correct/ }).tap();
    await page.getByRole("radio", { name: /0\.5/ }).tap();
    await page.getByLabel("Analysis").fill("The trace drifts toward the method at step 4.");
    await page.getByRole("button", { name: /Submit correction/ }).tap();
    await expect(page.getByText(`Saved ${second}: corrected to 0.5`)).toBeVisible();
    await bar.getByRole("button", { name: /Undo/ }).tap();
    await expect(sample).toHaveText(second!);
    expect(await pageWidth(page)).toBeLessThanOrEqual(width);
    await context.close();
  });
}
