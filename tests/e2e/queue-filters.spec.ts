import { expect, test } from "@playwright/test";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { gts, gtsRun } from "./support/e2e-data";
import { signIn } from "./support/session";

const DATASET = "e2e-queue-filters";
const EXPERT = { email: "queue-filters@e2e.test", password: "queue-filters-password" };

test.beforeAll(async () => {
  // Once: a failed test restarts the worker, which runs this again.
  if ((await gtsRun(["user", "add", EXPERT.email, "--role", "expert"], `${EXPERT.password}\n`)).code !== 0) return;
  const judges = [0, 0, 1].map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: `Verdict ${judgment}.`, judgment }));
  const lines = [sampleLine("qf-crime", { judges, category: "crime" }), sampleLine("qf-health", { judges, category: "health" })];
  await gts(["import", await writeJsonl(await tempDir(), "qf.jsonl", lines), "--dataset", DATASET]);
});

test("the queue shows its filters as chips and in a form; Apply keeps them and a chip removes just its own", async ({ page }) => {
  await signIn(page, EXPERT.email, EXPERT.password);
  await page.goto(`/queue?dataset=${DATASET}&category=health`);
  await expect(page.getByTestId("workspace-sample")).toHaveText("qf-health");
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByRole("listitem")).toHaveText([`dataset: ${DATASET}×`, "category: health×"]);

  await page.getByText("Queue filters (2)").click();
  const form = page.getByRole("form", { name: "Filter the queue" });
  await expect(form.getByLabel("Dataset")).toHaveValue(DATASET);
  await expect(form.getByLabel("Category")).toHaveValue("health");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`dataset=${DATASET}.*category=health`));

  await page.getByRole("link", { name: "Remove the filter category" }).click();
  await expect(page).toHaveURL(new RegExp(`/queue\\?dataset=${DATASET}$`));
  await expect(chips.getByRole("listitem")).toHaveText([`dataset: ${DATASET}×`]);
  // The sample in hand stays the expert's until decided: the claim brings it back under any filters.
  await expect(page.getByTestId("workspace-sample")).toHaveText("qf-health");
  await page.keyboard.press("1");
  await expect(page.getByTestId("workspace-sample")).toHaveText("qf-crime");
});
