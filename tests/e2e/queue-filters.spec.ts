import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { runCli } from "../support/run-cli";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { STATE_FILE, type E2EState } from "./support/e2e-state";
import { signIn } from "./support/session";

const state = () => JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
const DATASET = "e2e-queue-filters";
const EXPERT = { email: "queue-filters@e2e.test", password: "queue-filters-password" };

test.beforeAll(async () => {
  const added = await runCli(["user", "add", EXPERT.email, "--role", "expert"], { databaseUrl: state().databaseUrl, stdin: `${EXPERT.password}\n`, env: { GTS_DATA_DIR: state().dataDir } });
  // Once: a failed test restarts the worker, which runs this again.
  if (added.code !== 0) return;
  const judges = [0, 0, 1].map((judgment, index) => ({ name: ["gpt-5", "gemini-2.5-pro", "qwen3-vl-235b"][index]!, analysis: `Verdict ${judgment}.`, judgment }));
  const lines = [sampleLine("qf-crime", { judges, category: "crime" }), sampleLine("qf-health", { judges, category: "health" })];
  const result = await runCli(["import", await writeJsonl(await tempDir(), "qf.jsonl", lines), "--dataset", DATASET], { databaseUrl: state().databaseUrl, env: { GTS_DATA_DIR: state().dataDir } });
  expect(result.code, result.stderr).toBe(0);
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
