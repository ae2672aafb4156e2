import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { e2eQuery, gtsRun } from "./support/e2e-data";
import { E2E_USERS } from "./support/e2e-state";
import { signIn } from "./support/session";

const WIDTHS = [1440, 768, 390] as const;
const EXPERT = { email: "screenshots@e2e.test", password: "screenshots-password" };
/** `GTS_UPDATE_SCREENSHOTS=1` writes them into docs/screenshots/ (the README shows them); otherwise into the test output. */
const target = (name: string) =>
  process.env.GTS_UPDATE_SCREENSHOTS === "1" ? path.resolve(import.meta.dirname, "../../docs/screenshots", name) : test.info().outputPath(name);

async function shoot(page: Page, name: string, width: number) {
  // Nothing wider than the screen at any width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  await page.screenshot({ path: target(`${name}-${width}.png`) });
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // Made once; a rerun finds the user there.
  expect([0, 1]).toContain((await gtsRun(["user", "add", EXPERT.email, "--role", "expert"], `${EXPERT.password}\n`)).code);
});

for (const width of WIDTHS) {
  test(`the queue, a sample and the dashboard at ${width} px`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : width === 768 ? 1024 : 900 } });
    const page = await context.newPage();
    await signIn(page, EXPERT.email, EXPERT.password);
    await page.goto("/queue?dataset=demo");
    await expect(page.getByTestId("workspace-sample")).toBeVisible();
    await shoot(page, "queue", width);

    const rows = await e2eQuery<{ id: number }>(
      `SELECT s.id FROM samples s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = 'demo' AND s.image_sha256 IS NOT NULL AND s.route = 'majority' ORDER BY s.id LIMIT 1`,
    );
    await page.goto(`/samples/${rows[0]!.id}`);
    await expect(page.getByTestId("thinking-steps")).toBeVisible();
    await shoot(page, "sample", width);

    const reviewer = await context.browser()!.newContext({ viewport: { width, height: width === 390 ? 844 : width === 768 ? 1024 : 900 } });
    const dashboard = await reviewer.newPage();
    await signIn(dashboard, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
    await dashboard.goto("/dashboard?dataset=demo");
    await expect(dashboard.getByTestId("alpha-nominal")).toBeVisible();
    await shoot(dashboard, "dashboard", width);
    await reviewer.close();
    await context.close();
  });
}
