import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { runCli } from "../support/run-cli";
import { E2E_USERS, STATE_FILE, type E2EState } from "./support/e2e-state";
import { signIn } from "./support/session";

const state = () => JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
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
  const added = await runCli(["user", "add", EXPERT.email, "--role", "expert"], { databaseUrl: state().databaseUrl, stdin: `${EXPERT.password}\n`, env: { GTS_DATA_DIR: state().dataDir } });
  expect([0, 1]).toContain(added.code);
});

for (const width of WIDTHS) {
  test(`the queue, a sample and the dashboard at ${width} px`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : width === 768 ? 1024 : 900 } });
    const page = await context.newPage();
    await signIn(page, EXPERT.email, EXPERT.password);
    await page.goto("/queue?dataset=demo");
    await expect(page.getByTestId("workspace-sample")).toBeVisible();
    await shoot(page, "queue", width);

    const client = new pg.Client({ connectionString: state().databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ id: number }>(
      `SELECT s.id FROM samples s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = 'demo' AND s.image_sha256 IS NOT NULL AND s.route = 'majority' ORDER BY s.id LIMIT 1`,
    );
    await client.end();
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
