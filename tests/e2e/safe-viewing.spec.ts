import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { sampleLine, tempDir, writeJsonl, writePng } from "../support/fixtures";
import { e2eQuery as query, gts as cli } from "./support/e2e-data";
import { signIn } from "./support/session";

const DATASET = "e2e-safe";
const EXPERT = { email: "safe-viewer@e2e.test", password: "safe-viewing-password" };
const split = [
  { name: "gpt-5", analysis: "Safe.", judgment: 0 },
  { name: "gemini-2.5-pro", analysis: "Safe.", judgment: 0 },
  { name: "qwen3-vl-235b", analysis: "Harmful.", judgment: 1 },
];

const audited = async (action: string) =>
  (await query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events e JOIN users u ON u.id = e.actor_id WHERE u.email = $1 AND e.action = $2`, [EXPERT.email, action]))[0]!.n;

test.describe.configure({ mode: "serial" });

let firstId: number;

test.beforeAll(async () => {
  const dir = await tempDir();
  await writePng(path.join(dir, "img.png"), "#aa3322", 64);
  const lines = ["safe-1", "safe-2", "safe-3", "safe-4", "safe-5"].map((id) => sampleLine(id, { judges: split, image: "img.png", image_condition: "jailbreak" }));
  await cli(["import", await writeJsonl(dir, "safe.jsonl", lines), "--dataset", DATASET]);
  await cli(["dataset", "set", DATASET, "--second-opinion-share", "0", "--daily-cap", "1"]);
  await cli(["user", "add", EXPERT.email, "--role", "expert"], `${EXPERT.password}\n`);
  firstId = (await query<{ id: number }>(`SELECT id FROM samples WHERE external_id = 'safe-1'`))[0]!.id;
});

async function expertPage(browser: import("@playwright/test").Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, EXPERT.email, EXPERT.password);
  return page;
}

test("images are blurred in the list and on the sample page until revealed, by a click or v, and each reveal is recorded", async ({ browser }) => {
  const page = await expertPage(browser);
  await page.goto(`/samples?dataset=${DATASET}`);
  await expect(page.getByTestId("image-blurred")).toHaveCount(5);
  await expect(page.getByTestId("image-revealed")).toHaveCount(0);
  await page.getByTestId("image-blurred").first().click();
  await expect(page.getByTestId("image-revealed")).toHaveCount(1);

  await page.goto(`/samples/${firstId}`);
  const blurred = page.getByRole("button", { name: "Reveal image (v)" });
  await expect(blurred).toBeVisible();
  await expect(blurred.locator("img")).toHaveClass(/blur-xl/);
  await page.keyboard.press("v");
  await expect(page.getByRole("button", { name: "Zoom image" })).toBeVisible();
  await page.keyboard.press("v");
  await expect(blurred).toBeVisible();
  await expect.poll(() => audited("image.revealed")).toBe(2);
});

test("the workspace blurs each new sample, and at the daily cap the expert chooses to go on, recorded", async ({ browser }) => {
  const page = await expertPage(browser);
  await page.goto(`/queue?dataset=${DATASET}`);
  const first = await page.getByTestId("workspace-sample").textContent();
  await expect(page.getByTestId("image-blurred")).toBeVisible();
  await page.keyboard.press("v");
  await expect(page.getByTestId("image-revealed")).toBeVisible();
  await page.keyboard.press("1");
  // The cap of one decision is reached: the claim says so instead of bringing the next sample.
  const held = page.getByTestId("queue-held");
  await expect(held).toContainText(`You have made 1 decisions on ${DATASET} today`);
  expect(await audited("exposure.cap_passed")).toBe(0);
  await page.getByRole("button", { name: "Go on past the cap" }).click();
  await expect(page.getByTestId("workspace-sample")).not.toHaveText(first!);
  await expect(page.getByTestId("image-blurred")).toBeVisible();
  await expect.poll(() => audited("exposure.cap_passed")).toBe(1);
});

test("after the dataset's stretch of work the workspace suggests a break that hides the sample", async ({ browser }) => {
  await cli(["dataset", "set", DATASET, "--daily-cap", "none", "--break-after", "5"]);
  // The expert's one decision, moved back: a stretch from 8 minutes ago to the decision 2 minutes ago.
  const [expert] = await query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [EXPERT.email]);
  await query(`INSERT INTO adjudications (sample_id, expert_id, kind, judgment, analysis, round, created_at)
               SELECT id, $1, 'correction', '0', 'earlier work', 'first', now() - interval '8 minutes' FROM samples WHERE external_id = 'safe-5'`, [expert!.id]);
  await query(`UPDATE adjudications SET created_at = now() - interval '2 minutes' WHERE expert_id = $1 AND analysis IS NULL`, [expert!.id]);
  const page = await expertPage(browser);
  await page.goto(`/queue?dataset=${DATASET}`);
  const reminder = page.getByTestId("break-reminder");
  await expect(reminder).toContainText("You have worked 8 minutes without a break");
  await expect(page.getByRole("button", { name: "Take a break" })).toBeFocused();
  const inHand = await page.getByTestId("workspace-sample").textContent();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("break-screen")).toBeVisible();
  await expect(page.getByTestId("workspace-sample")).toHaveCount(0);
  await page.keyboard.press("1");
  await page.getByRole("button", { name: "Back to work" }).click();
  // The same sample comes back: its hold outlived a short break.
  await expect(page.getByTestId("workspace-sample")).toHaveText(inHand!);
  await expect(reminder).toHaveCount(0);
  expect(await audited("exposure.break_reminder")).toBe(1);
});

test("a preference keeps images revealed, another shows them in grayscale, both kept after a reload", async ({ browser }) => {
  const page = await expertPage(browser);
  await page.goto("/account");
  await page.getByLabel("Show images unblurred").check();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.getByLabel("Show images in grayscale").check();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Show images unblurred")).toBeChecked();
  await page.goto(`/samples/${firstId}`);
  const image = page.getByRole("button", { name: "Zoom image" }).locator("img");
  await expect(image).toHaveClass(/grayscale/);
  await expect(page.getByTestId("image-blurred")).toHaveCount(0);
  expect(await audited("user.viewing")).toBe(2);
});
