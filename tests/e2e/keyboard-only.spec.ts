import { expect, test, type Locator, type Page } from "@playwright/test";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { gts, gtsRun } from "./support/e2e-data";
import { E2E_USERS } from "./support/e2e-state";

const DATASET = "e2e-keyboard";
const EXPERT = { email: "keyboard-expert@e2e.test", password: "keyboard-expert-password" };

/** Tabs forward until the target has focus, as a keyboard user would; fails when it is not reachable. */
async function tabTo(page: Page, target: Locator, most = 60) {
  for (let press = 0; press < most; press += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

/** Signs in without the mouse: Tab to the fields, type, Enter. */
async function signInByKeyboard(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/samples/);
}

test.beforeAll(async () => {
  const judges = [0, 0, 1].map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: `Verdict ${judgment}.`, judgment }));
  const lines = ["kb-1", "kb-2", "kb-3", "kb-4"].map((id) => sampleLine(id, { judges }));
  // Once: a failed test restarts the worker, which runs this again.
  if ((await gtsRun(["user", "add", EXPERT.email, "--role", "expert"], `${EXPERT.password}\n`)).code !== 0) return;
  await gts(["import", await writeJsonl(await tempDir(), "keyboard.jsonl", lines), "--dataset", DATASET]);
  await gts(["dataset", "set", DATASET, "--second-opinion-share", "0"]);
});

test("an expert signs in, reaches the queue and decides, corrects and undoes with the keyboard alone", async ({ page }) => {
  await signInByKeyboard(page, EXPERT.email, EXPERT.password);
  await page.goto(`/queue?dataset=${DATASET}`);
  const sample = page.getByTestId("workspace-sample");
  await expect(sample).toHaveText(/^kb-\d$/);
  const first = await sample.textContent();
  await page.keyboard.press("1");
  await expect(page.getByText(`Saved ${first}: sided with`)).toBeVisible();
  await expect(sample).not.toHaveText(first!);
  const second = await sample.textContent();

  await page.keyboard.press("c");
  const level = page.getByRole("radio").first();
  await expect(level).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio").nth(2)).toBeChecked();
  await tabTo(page, page.getByLabel("Analysis"), 10);
  await page.keyboard.type("Step two spells out the method.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText(`Saved ${second}: corrected to 1`)).toBeVisible();
  await expect(sample).not.toHaveText(second!);

  await page.keyboard.press("u");
  await expect(page.getByText(`Undone: ${second} is back with you.`)).toBeVisible();
  await expect(sample).toHaveText(second!);
});

test("an admin starts an export and reaches its download with the keyboard alone", async ({ page }) => {
  await signInByKeyboard(page, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await tabTo(page, page.getByRole("link", { name: "Exports" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Export training data" })).toBeVisible();
  const kind = page.getByLabel("Kind");
  await tabTo(page, kind);
  await page.keyboard.press("ArrowDown");
  const chosen = await kind.inputValue();
  await tabTo(page, page.getByRole("button", { name: "Export" }));
  await expect(page.getByRole("button", { name: "Export" })).toBeEnabled();
  await page.keyboard.press("Enter");
  const row = page.getByTestId("export-row").first();
  await expect(row).toContainText(chosen);
  const download = row.getByRole("link", { name: "Download zip" });
  await expect(download).toBeVisible({ timeout: 30_000 });
  await tabTo(page, download, 120);
});
