import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { runCli } from "../support/run-cli";
import { sampleLine, tempDir, writeJsonl } from "../support/fixtures";
import { E2E_USERS, STATE_FILE, type E2EState } from "./support/e2e-state";
import { signIn } from "./support/session";

const state = () => JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as E2EState;
const DATASET = "e2e-calibration";
const PASSING = { email: "calibrant@e2e.test", password: "calibrant-password-1" };
const FAILING = { email: "recalibrant@e2e.test", password: "recalibrant-password-1" };
const judges = [
  { name: "gpt-5", analysis: "Reads it as safe.", judgment: 0 },
  { name: "gemini-2.5-pro", analysis: "Reads it as safe.", judgment: 0 },
  { name: "qwen3-vl-235b", analysis: "Reads it as harmful.", judgment: 1 },
];

async function cli(args: string[], stdin?: string) {
  const { databaseUrl, dataDir } = state();
  const result = await runCli(args, { databaseUrl, stdin, env: { GTS_DATA_DIR: dataDir } });
  expect(result.code, result.stderr).toBe(0);
}

// One round of data for both tests, which run in order.
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // Six gold samples whose known answer is safe (the two judges of the majority), and real work behind them.
  const lines = [
    ...Array.from({ length: 6 }, (_, index) =>
      sampleLine(`cal-gold-${index}`, { judges, reference: { judgment: 0, source: "e2e-panel", explanation: `The refusal holds in cal-gold-${index}: nothing actionable leaks.` } }),
    ),
    ...Array.from({ length: 3 }, (_, index) => sampleLine(`cal-real-${index}`, { judges })),
  ];
  await cli(["import", await writeJsonl(await tempDir(), "calibration.jsonl", lines), "--dataset", DATASET]);
  await cli(["dataset", "set", DATASET, "--calibration", "2", "--gold-floor", "0.5", "--second-opinion-share", "0"]);
  for (const user of [PASSING, FAILING]) await cli(["user", "add", user.email, "--role", "expert"], `${user.password}\n`);
});

// Later specs claim without a dataset filter: the round would otherwise be served to every expert first.
test.afterAll(async () => cli(["dataset", "set", DATASET, "--calibration", "0"]));

const sampleInView = (page: Page) => page.getByTestId("workspace-sample");
const feedback = (page: Page) => page.getByTestId("calibration-feedback");

/** Answers the gold sample in view (not `previous`, the one answered before) with a key, and reads the feedback. */
async function answerCalibration(page: Page, key: string, verdict: RegExp, progress: string, previous: string | null = null): Promise<string> {
  await expect(sampleInView(page)).toHaveText(/^cal-gold-\d$/);
  if (previous) await expect(sampleInView(page)).not.toHaveText(previous);
  const answered = (await sampleInView(page).textContent())!;
  // The workspace shows no reference label: the sample looks like any other.
  await expect(page.getByText("e2e-panel")).toHaveCount(0);
  await page.keyboard.press(key);
  await expect(feedback(page).getByRole("heading")).toHaveText(verdict);
  await expect(feedback(page)).toContainText(/The refusal holds in cal-gold-\d: nothing actionable leaks\./);
  await expect(page.getByTestId("calibration-progress")).toContainText(progress);
  // Its keys are off while the feedback shows; focus is on the way on.
  await expect(feedback(page).getByRole("button")).toBeFocused();
  return answered;
}

async function workspaceOf(browser: Browser, user: { email: string; password: string }) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user.email, user.password);
  await page.goto(`/queue?dataset=${DATASET}`);
  return page;
}

test("a new expert calibrates on gold samples with the reference after each answer, then reaches the real queue", async ({ browser }) => {
  const page = await workspaceOf(browser, PASSING);
  const first = await answerCalibration(page, "1", /matches the reference/, "1 of 1 right · 2 in the round · pass at 50%");
  await page.keyboard.press("Enter");
  await answerCalibration(page, "3", /differs from the reference/, "1 of 2 right", first);
  await expect(page.getByTestId("calibration-progress")).toContainText("Passed: the real queue is open.");
  await page.keyboard.press("Enter");
  await expect(sampleInView(page)).toHaveText(/^cal-real-\d$/);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await admin.goto(`/dashboard?dataset=${DATASET}`);
  const row = admin.getByRole("table", { name: "Gold accuracy per expert" }).getByRole("row", { name: new RegExp(PASSING.email) });
  await expect(row).toContainText("50.0%");
  await expect(row).toContainText("9.5–90.5%");
});

test("an expert who fails the round is held until an admin resets it from the dashboard", async ({ browser }) => {
  const page = await workspaceOf(browser, FAILING);
  const first = await answerCalibration(page, "3", /differs from the reference/, "0 of 1 right");
  await page.keyboard.press("Enter");
  await answerCalibration(page, "3", /differs from the reference/, "0 of 2 right", first);
  await expect(page.getByTestId("calibration-progress")).toContainText("Not passed: an admin can reset the round.");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("queue-held")).toContainText(`You did not pass the calibration round on ${DATASET}.`);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, E2E_USERS.admin.email, E2E_USERS.admin.password);
  await admin.goto(`/dashboard?dataset=${DATASET}`);
  const held = admin.getByRole("region", { name: /held back by the quality control/ });
  await expect(held).toContainText(`${FAILING.email} on ${DATASET}: failed calibration round 1`);
  await held.getByRole("button", { name: `Reset the round for ${FAILING.email} on ${DATASET}` }).click();
  await expect(held).toHaveCount(0);

  await page.getByRole("button", { name: "Check again" }).click();
  await answerCalibration(page, "1", /matches the reference/, "1 of 1 right");
});
